import Foundation

/// Where a call's notes are (`notes:` in `calls.yml`): an address, possibly a template whose
/// `{date}` is replaced by each session's planned date (`2026-03-04`, kept when the session is
/// moved, so a session's link never changes), or the label of a chapter that says where the
/// notes are.
public enum NotesLink: Hashable, Sendable {
    /// An `http(s)://` address, possibly with `{date}`.
    case address(String)
    /// A chapter label, bound to its page when the book is resolved.
    case chapter(String)

    public static let placeholder = "{date}"

    /// Whether each session has its own address.
    public var isTemplate: Bool {
        if case .address(let template) = self { return template.contains(Self.placeholder) }
        return false
    }

    /// The chapter label, when the notes are described in a chapter.
    public var chapter: String? {
        if case .chapter(let label) = self { return label }
        return nil
    }

    /// The link of the session planned on `day`: the template filled in.
    public func forSession(on day: LocalDay) -> NotesLink {
        guard case .address(let template) = self else { return self }
        return .address(template.replacingOccurrences(of: Self.placeholder, with: day.description))
    }
}
