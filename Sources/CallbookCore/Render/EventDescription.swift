import Foundation

/// The plain-text description of a call for feeds, "add to calendar" links and JSON data: the
/// `description` without Markdown, then a line each for the session's note, how to join, the
/// notes, the host, the contact and the chapter.
public enum EventDescription {
    /// Where to join as one line: the address, the chapter's absolute URL, or the sentence;
    /// nil for a chapter label when chapter URLs are not absolute (no base URL).
    public static func join(_ details: CallDetails, pageURLs: [String: String]) -> String? {
        switch details.join {
        case .url(let url): url
        case .chapter(let label): pageURLs[label]
        case .text(let text): text
        case nil: nil
        }
    }

    /// The notes' address: the address, or the chapter's absolute URL (nil without a base URL).
    public static func address(_ notes: NotesLink, pageURLs: [String: String]) -> String? {
        switch notes {
        case .address(let url): url
        case .chapter(let label): pageURLs[label]
        }
    }

    /// - Parameters:
    ///   - pageURLs: chapter label → absolute URL (empty without a base URL).
    ///   - session: one session; nil for a whole series, which leaves out what differs per
    ///     session (a notes template, rotating hosts).
    public static func text(description: String?, details: CallDetails, page: String?, pageURLs: [String: String],
                            session: Session?) -> String? {
        var paragraphs: [String] = []
        if let description, !description.isEmpty { paragraphs.append(PlainText.fromMarkdown(description)) }
        var facts: [String] = []
        if let note = session?.note { facts.append("Note: " + note) }
        if let join = join(details, pageURLs: pageURLs) { facts.append("Join: " + join) }
        if let notes = (session?.notes ?? details.notes.flatMap { $0.isTemplate ? nil : $0 }).flatMap({ address($0, pageURLs: pageURLs) }) {
            facts.append("Notes: " + notes)
        }
        if let host = session?.host ?? (details.hosts.count == 1 ? details.hosts.first : nil) { facts.append("Host: " + host) }
        if let contact = details.contact { facts.append("Contact: " + contact) }
        if let pageURL = page.flatMap({ pageURLs[$0] }) { facts.append("More: " + pageURL) }
        if !facts.isEmpty { paragraphs.append(facts.joined(separator: "\n")) }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    /// The address a calendar entry links to: the join address, else the join chapter, else
    /// the call's chapter (absolute URLs only).
    public static func link(_ details: CallDetails, page: String?, pageURLs: [String: String]) -> String? {
        details.join?.url ?? details.join?.chapter.flatMap { pageURLs[$0] } ?? page.flatMap { pageURLs[$0] }
    }
}
