import Foundation

/// What BibTeX made of the book's `.bib` files in the last build that wrote the output
/// (`BibliographyLoader.ParsedSources`), on disk beside the build cache
/// (`.callbook-cache/<output>.bibliography`): a build whose `.bib` files hold the same texts
/// takes the entries from here rather than parse them again. Only ever a shortcut: a file that
/// is missing, damaged or left by another callbook binary reads as none.
enum BibliographyCache {
    /// `.callbook-cache/<output>.bibliography` beside the output folder.
    static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).bibliography")
    }

    static let header = Array("callbook-bibliography 2\n".utf8)

    /// The file's bytes: the header, this binary's identity, the texts' hash, the entries (each
    /// field and name list in order), the diagnostics, then the bibliography's order and year
    /// letters (when it was made).
    static func contents(_ parsed: BibliographyLoader.ParsedSources) -> [UInt8] {
        var writer = RecordWriter()
        writer.bytes.append(header)
        writer.text(BinaryIdentity.current)
        writer.bytes.number(parsed.hash)
        writer.count(parsed.entries.count)
        for entry in parsed.entries {
            writer.text(entry.key)
            writer.text(entry.type)
            let fields = entry.fields.sorted { $0.key < $1.key }
            writer.count(fields.count)
            for (name, value) in fields {
                writer.text(name)
                writer.text(value)
            }
            for names in [entry.authors, entry.editors] {
                writer.count(names.count)
                for name in names {
                    for part in [name.first, name.von, name.last, name.jr] { writer.texts(part) }
                }
            }
            writer.range(entry.range)
        }
        writer.diagnostics(parsed.diagnostics)
        writer.flag(parsed.reading != nil)
        if let reading = parsed.reading {
            writer.texts(reading.order)
            let letters = reading.letteredYears.sorted { $0.key < $1.key }
            writer.texts(letters.map(\.key))
            writer.texts(letters.map(\.value))
        }
        return writer.bytes.bytes
    }

    /// What `contents` wrote in `file`; nil for anything else.
    static func load(_ file: URL) -> BibliographyLoader.ParsedSources? {
        CacheFileReader.bytes(atPath: file.path).flatMap(read)
    }

    static func read(_ bytes: [UInt8]) -> BibliographyLoader.ParsedSources? {
        guard bytes.starts(with: header) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> BibliographyLoader.ParsedSources? in
            var reader = RecordReader(CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[header.count...])))
            guard reader.text() == BinaryIdentity.current, let hash = reader.bytes.number(), let count = reader.count() else { return nil }
            var entries: [BibEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = reader.text(), let type = reader.text(), let fieldCount = reader.count() else { return nil }
                var fields: [String: String] = [:]
                for _ in 0..<fieldCount {
                    guard let name = reader.text(), let value = reader.text() else { return nil }
                    fields[name] = value
                }
                var lists: [[BibName]] = []
                for _ in 0..<2 {
                    guard let nameCount = reader.count() else { return nil }
                    var names: [BibName] = []
                    for _ in 0..<nameCount {
                        guard let first = reader.texts(), let von = reader.texts(), let last = reader.texts(),
                              let jr = reader.texts() else { return nil }
                        names.append(BibName(first: first, von: von, last: last, jr: jr))
                    }
                    lists.append(names)
                }
                guard case .some(.some(let range)) = reader.range() else { return nil }
                entries.append(BibEntry(key: key, type: type, fields: fields, authors: lists[0], editors: lists[1], range: range))
            }
            guard let diagnostics = reader.diagnostics(), let hasReading = reader.flag() else { return nil }
            var reading: Bibliography.Reading?
            if hasReading {
                guard let order = reader.texts(), let keys = reader.texts(), let years = reader.texts(), keys.count == years.count,
                      Set(keys).count == keys.count else { return nil }
                reading = Bibliography.Reading(order: order, letteredYears: Dictionary(uniqueKeysWithValues: zip(keys, years)))
            }
            guard reader.bytes.isAtEnd else { return nil }
            return BibliographyLoader.ParsedSources(hash: hash, entries: entries, diagnostics: diagnostics, reading: reading)
        }
    }
}
