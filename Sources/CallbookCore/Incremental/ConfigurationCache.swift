import Foundation

/// What the last build that wrote the output read the book's configuration files into
/// (`ParsedConfiguration`), on disk beside the build cache (`.callbook-cache/<output>.configuration`):
/// a load whose configuration files and Markdown files hash the same takes it from here rather
/// than parse the YAML again. Only ever a shortcut: a file that is missing, damaged or left by
/// another callbook binary reads as none.
enum ConfigurationCache {
    /// `.callbook-cache/<output>.configuration` beside the output folder.
    static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).configuration")
    }

    static let header = Array("callbook-configuration 1\n".utf8)

    /// The file's bytes: the header, this binary's identity, the hash, every field of the
    /// configuration (the table of contents entry by entry, depth first), then the diagnostics.
    static func contents(_ parsed: ParsedConfiguration) -> [UInt8] {
        var writer = RecordWriter()
        writer.bytes.append(header)
        writer.text(BinaryIdentity.current)
        writer.bytes.number(parsed.hash)
        let configuration = parsed.configuration
        for value in [configuration.title, configuration.author, configuration.description, configuration.language,
                      configuration.logo, configuration.favicon, configuration.license, configuration.baseURL] {
            writer.optional(value)
        }
        writer.texts(configuration.exclude)
        writer.texts(configuration.bibliography)
        writer.flag(configuration.repository != nil)
        if let repository = configuration.repository {
            writer.text(repository.url)
            writer.optional(repository.branch)
            writer.optional(repository.pathToBook)
        }
        writer.flag(configuration.toc != nil)
        if let toc = configuration.toc { entries(toc, to: &writer) }
        writer.texts(configuration.sources)
        writer.diagnostics(parsed.diagnostics)
        return writer.bytes.bytes
    }

    private static func entries(_ entries: [TOCEntry], to writer: inout RecordWriter) {
        writer.count(entries.count)
        for entry in entries {
            switch entry.target {
            case .chapter(let path):
                writer.count(0)
                writer.text(path)
            case .part:
                writer.count(1)
            case .url(let url):
                writer.count(2)
                writer.text(url)
            }
            writer.optional(entry.title)
            writer.range(entry.range)
            Self.entries(entry.children, to: &writer)
        }
    }

    /// What `contents` wrote in `file`; nil for anything else.
    static func load(_ file: URL) -> ParsedConfiguration? {
        CacheFileReader.bytes(atPath: file.path).flatMap(read)
    }

    static func read(_ bytes: [UInt8]) -> ParsedConfiguration? {
        guard bytes.starts(with: header) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> ParsedConfiguration? in
            var reader = RecordReader(CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[header.count...])))
            guard reader.text() == BinaryIdentity.current, let hash = reader.bytes.number() else { return nil }
            var configuration = BookConfiguration()
            var texts: [String?] = []
            for _ in 0..<8 {
                guard let value = reader.optional() else { return nil }
                texts.append(value)
            }
            (configuration.title, configuration.author, configuration.description, configuration.language) = (texts[0], texts[1], texts[2], texts[3])
            (configuration.logo, configuration.favicon, configuration.license, configuration.baseURL) = (texts[4], texts[5], texts[6], texts[7])
            guard let exclude = reader.texts(), let bibliography = reader.texts(), let hasRepository = reader.flag() else { return nil }
            (configuration.exclude, configuration.bibliography) = (exclude, bibliography)
            if hasRepository {
                guard let url = reader.text(), let branch = reader.optional(), let path = reader.optional() else { return nil }
                configuration.repository = SourceRepository(url: url, branch: branch, pathToBook: path)
            }
            guard let hasTOC = reader.flag() else { return nil }
            if hasTOC {
                guard let toc = entries(&reader, depth: 0) else { return nil }
                configuration.toc = toc
            }
            guard let sources = reader.texts(), let diagnostics = reader.diagnostics(), reader.bytes.isAtEnd else { return nil }
            configuration.sources = sources
            return ParsedConfiguration(hash: hash, configuration: configuration, diagnostics: diagnostics)
        }
    }

    /// Deeper nesting than this is taken for a damaged file (a table of contents nests a few levels).
    private static let deepest = 100

    private static func entries(_ reader: inout RecordReader, depth: Int) -> [TOCEntry]? {
        guard depth < deepest, let count = reader.count() else { return nil }
        var entries: [TOCEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let target: TOCEntry.Target
            switch reader.count() {
            case 0:
                guard let path = reader.text() else { return nil }
                target = .chapter(path)
            case 1:
                target = .part
            case 2:
                guard let url = reader.text() else { return nil }
                target = .url(url)
            default:
                return nil
            }
            guard let title = reader.optional(), let range = reader.range(),
                  let children = Self.entries(&reader, depth: depth + 1) else { return nil }
            entries.append(TOCEntry(target, title: title, children: children, at: range))
        }
        return entries
    }
}
