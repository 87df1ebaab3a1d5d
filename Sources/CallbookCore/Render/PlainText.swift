import Foundation

/// A short Markdown paragraph (a call's `description`) as plain text for feeds and
/// machine-readable data: links become `text (address)`, emphasis and code marks are dropped,
/// line breaks are kept.
public enum PlainText {
    public static func fromMarkdown(_ markdown: String) -> String {
        var text = markdown.replacing(#/\[([^\]]*)\]\(([^)\s]*)\)/#) { match in "\(match.1) (\(match.2))" }
        text = text.replacing(#/<(https?://[^>\s]+)>/#) { match in String(match.1) }
        for mark in ["**", "__", "`"] { text = text.replacingOccurrences(of: mark, with: "") }
        text = text.replacing(#/\*([^*\s][^*]*)\*/#) { match in String(match.1) }
        text = text.replacing(#/(^|\W)_([^_\s][^_]*)_(?=\W|$)/#) { match in "\(match.1)\(match.2)" }
        return text.trimmingWhitespace()
    }
}
