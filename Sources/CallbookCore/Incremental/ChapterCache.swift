import Foundation

/// Each chapter's record (`ChapterRecord`) as the last build that wrote the output left it, in
/// book order, on disk beside the build cache (`.callbook-cache/<output>.chapters`). Like the
/// search cache it is only ever a shortcut: a file that is missing, damaged or left by another
/// callbook binary reads as none, and the build is a full one.
struct ChapterCache: Sendable {
    private(set) var records: [ChapterRecord]
    /// Each record's bytes as read from the file, written again as they are; nil for a record
    /// made by this build.
    private var encoded: [ArraySlice<UInt8>?]

    init(records: [ChapterRecord]) {
        self.records = records
        encoded = Array(repeating: nil, count: records.count)
    }

    /// Puts a record made by this build in place of the one at `index`.
    mutating func replace(_ index: Int, with record: ChapterRecord) {
        records[index] = record
        encoded[index] = nil
    }

    /// `.callbook-cache/<output>.chapters` beside the output folder.
    static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).chapters")
    }

    static let header = Array("callbook-chapters 3\n".utf8)

    /// The file's bytes: the header, this binary's identity, then each record.
    func contents() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes += $0 }
        return bytes
    }

    /// `contents()` handed over piece by piece, the records read from the file as they are (for
    /// `CacheFileWriter.stage(as:_:)`).
    func write(_ emit: (ArraySlice<UInt8>) -> Void) {
        var writer = RecordWriter()
        writer.bytes.append(Self.header)
        writer.text(BinaryIdentity.current)
        writer.count(records.count)
        emit(writer.bytes.bytes[...])
        for (record, bytes) in zip(records, encoded) {
            if let bytes {
                emit(bytes)
            } else {
                writer = RecordWriter()
                record.write(to: &writer)
                emit(writer.bytes.bytes[...])
            }
        }
    }

    /// The records in `file`; nil when there is none, or it is damaged or another binary's.
    static func load(_ file: URL) -> ChapterCache? {
        CacheFileReader.bytes(atPath: file.path).flatMap(read)
    }

    /// The records in a file's bytes; nil for anything `contents()` did not write.
    static func read(_ bytes: [UInt8]) -> ChapterCache? {
        guard bytes.starts(with: header) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> ChapterCache? in
            var reader = RecordReader(CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[header.count...])))
            guard reader.text() == BinaryIdentity.current, let count = reader.count() else { return nil }
            var cache = ChapterCache(records: [])
            cache.records.reserveCapacity(count)
            for _ in 0..<count {
                let start = reader.bytes.position
                guard let record = ChapterRecord(from: &reader) else { return nil }
                cache.records.append(record)
                cache.encoded.append(bytes[(header.count + start)..<(header.count + reader.bytes.position)])
            }
            return reader.bytes.isAtEnd ? cache : nil
        }
    }
}
