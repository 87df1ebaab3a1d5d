import Foundation

/// What `calls.yml` may add to a series or session besides its times: how to join, where the
/// notes are, who hosts, whom to contact, and (for a series) the changes to single sessions.
public struct CallDetails: Hashable, Sendable {
    public var join: JoinLink?
    /// Where `join` is written, for an unknown chapter label.
    public var joinRange: SourceRange?
    public var notes: NotesLink?
    /// Where `notes` is written, for an unknown chapter label.
    public var notesRange: SourceRange?
    /// Hosts in turn: the n-th session that runs has `hosts[n % hosts.count]`.
    public var hosts: [String] = []
    /// An address or name to write to about the call.
    public var contact: String?
    /// Changes to single sessions, by the date the rule gives them.
    public var changes: [LocalDay: SessionChange] = [:]

    public init(join: JoinLink? = nil, joinRange: SourceRange? = nil, notes: NotesLink? = nil, notesRange: SourceRange? = nil,
                hosts: [String] = [], contact: String? = nil, changes: [LocalDay: SessionChange] = [:]) {
        self.join = join
        self.joinRange = joinRange
        self.notes = notes
        self.notesRange = notesRange
        self.hosts = hosts
        self.contact = contact
        self.changes = changes
    }
}
