import Foundation

extension SiteRenderer {
    /// One note when the book has calls but no base URL is known: links that must be absolute
    /// (`webcal:` subscriptions, chapter links in the feeds) are then left out.
    public func absoluteLinkNote(_ book: ResolvedBook, baseURL: String?) -> Diagnostic? {
        guard let calls = book.book.calls, Self.base(book, baseURL) == nil else { return nil }
        return .note("calls-no-base-url",
                     "no base URL is known (set url: in calls.yml, the book's site URL or --base-url), so the feeds "
                        + "leave out chapter links and the calendar page offers no webcal: subscriptions",
                     at: SourceRange(file: calls.file, line: 1, column: 1))
    }
}
