import Foundation

/// Each page's search sections as a build found them, in their stored form (see
/// `SearchIndex.PageSections.encoded()`), with the page key they were found for: a page whose
/// key is unchanged shows the same text, so its sections are taken from here rather than read
/// from the page again. Kept in memory between `callbook serve`'s builds (`BuildState`) and on
/// disk beside the build cache (`.callbook-cache/<output>.search`), where it is only ever a
/// shortcut: a file that is missing, damaged or left by another callbook binary is ignored.
public struct SearchCache: Sendable {
    struct Page: Sendable {
        var path: String
        var key: UInt64
        var sections: ArraySlice<UInt8>
    }

    /// In book order.
    var pages: [Page] = []
    /// The words of the index these pages made, as read from the file (`SearchIndex.BookWords`
    /// encoded; empty when there are none)…
    var words: ArraySlice<UInt8> = []
    /// …or as this build made them (encoded only when the file is written, beside other work).
    var madeWords: SearchIndex.BookWords?

    public init() {}

    init(pages: [Page], words: ArraySlice<UInt8> = [], madeWords: SearchIndex.BookWords? = nil) {
        self.pages = pages
        self.words = words
        self.madeWords = madeWords
    }

    /// The words of the index these pages made; nil when there are none, or they do not read.
    func bookWords() -> SearchIndex.BookWords? {
        madeWords ?? (words.isEmpty ? nil : SearchIndex.BookWords(decoding: words))
    }

    /// `.callbook-cache/<output>.search` beside the output folder.
    public static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).search")
    }

    static let header = Array("callbook-search 2\n".utf8)

    /// The same sections, each under its page's key in `keys` (0 for a page not there).
    func keyed(_ keys: [String: UInt64]) -> SearchCache {
        SearchCache(pages: pages.map { Page(path: $0.path, key: keys[$0.path] ?? 0, sections: $0.sections) }, words: words,
                    madeWords: madeWords)
    }

    /// The sections of the pages whose key in `keys` is the one they were found for.
    func stored(for keys: [String: UInt64]) -> [String: ArraySlice<UInt8>] {
        var stored: [String: ArraySlice<UInt8>] = [:]
        for page in pages where keys[page.path] == page.key { stored[page.path] = page.sections }
        return stored
    }

    /// The file's bytes: the header, this binary's identity, each page's path, key and sections,
    /// then the index's words.
    func contents() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes += $0 }
        return bytes
    }

    /// `contents()` handed over piece by piece, each page's stored sections as they are (for
    /// `CacheFileWriter.stage(as:_:)`: megabytes of them are not copied into one more buffer).
    func write(_ emit: (ArraySlice<UInt8>) -> Void) {
        var writer = CacheBytesWriter()
        writer.append(Self.header)
        writer.text(BinaryIdentity.current)
        writer.number(pages.count)
        emit(writer.bytes[...])
        for page in pages {
            writer = CacheBytesWriter()
            writer.text(page.path)
            writer.number(page.key)
            writer.number(page.sections.count)
            emit(writer.bytes[...])
            emit(page.sections)
        }
        let words = madeWords.map { $0.encoded()[...] } ?? self.words
        writer = CacheBytesWriter()
        writer.number(words.count)
        emit(writer.bytes[...])
        emit(words)
    }

    /// The cache in `file`; empty when there is none, or it is damaged or another binary's.
    static func load(_ file: URL) -> SearchCache {
        guard let bytes = CacheFileReader.bytes(atPath: file.path), bytes.starts(with: header) else { return SearchCache() }
        let cache = bytes.withUnsafeBufferPointer { buffer -> SearchCache? in
            var reader = CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[header.count...]))
            guard reader.text() == BinaryIdentity.current, let count = reader.count(atMost: buffer.count) else { return nil }
            var pages: [Page] = []
            pages.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = reader.text(), let key = reader.number(), let range = reader.runRange() else { return nil }
                pages.append(Page(path: path, key: key, sections: bytes[(range.lowerBound + header.count)..<(range.upperBound + header.count)]))
            }
            guard let words = reader.runRange(), reader.isAtEnd else { return nil }
            return SearchCache(pages: pages, words: bytes[(words.lowerBound + header.count)..<(words.upperBound + header.count)])
        }
        return cache ?? SearchCache()
    }
}
