import Foundation

/// How to join a call, as `join:` in `calls.yml` says: a meeting address, the label of a
/// chapter that explains how to get the link, or a sentence when the link is shared privately.
public enum JoinLink: Hashable, Sendable {
    /// An `http(s)://` meeting address.
    case url(String)
    /// A chapter label, bound to the chapter's page when the book is resolved.
    case chapter(String)
    /// Words for people ("the link is sent to the mailing list").
    case text(String)

    /// `https://…` is an address; one word of label characters is a chapter label; anything
    /// else is text.
    public init(_ value: String) {
        let trimmed = value.trimmingWhitespaceAndNewlines()
        let lower = trimmed.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            self = .url(trimmed)
        } else if !trimmed.isEmpty, !trimmed.contains("://"),
                  trimmed.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0) }) {
            self = .chapter(trimmed)
        } else {
            self = .text(trimmed)
        }
    }

    /// The meeting address, when `join` is one.
    public var url: String? {
        if case .url(let url) = self { return url }
        return nil
    }

    /// The chapter label, when `join` is one.
    public var chapter: String? {
        if case .chapter(let label) = self { return label }
        return nil
    }
}
