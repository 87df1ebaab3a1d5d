import Foundation

/// Where a call's notes are (`notes:` in `calls.yml`): one address, or a template whose
/// `{date}` is replaced by each session's original date (`2026-03-04`), so each session can
/// have its own notes document and the link stays the same when the session is moved.
public struct NotesLink: Hashable, Sendable {
    public static let placeholder = "{date}"
    /// The address as written, possibly with `{date}`.
    public var template: String

    public init(template: String) {
        self.template = template
    }

    /// Whether each session has its own address.
    public var isTemplate: Bool { template.contains(Self.placeholder) }

    /// The notes address of the session planned on `day`.
    public func url(for day: LocalDay) -> String {
        template.replacingOccurrences(of: Self.placeholder, with: day.description)
    }
}
