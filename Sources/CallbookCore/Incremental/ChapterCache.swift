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

    static let header = Array("callbook-chapters 4\n".utf8)

    /// The file's bytes: the header, this binary's identity, the number of records, then each
    /// record's length and bytes (so that the records can be read in parallel).
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
                var length = CacheBytesWriter()
                length.number(bytes.count)
                emit(length.bytes[...])
                emit(bytes)
            } else {
                writer = RecordWriter()
                record.write(to: &writer)
                var length = CacheBytesWriter()
                length.number(writer.bytes.bytes.count)
                emit(length.bytes[...])
                emit(writer.bytes.bytes[...])
            }
        }
    }

    /// The records in `file`; nil when there is none, or it is damaged or another binary's.
    static func load(_ file: URL) -> ChapterCache? {
        CacheFileReader.bytes(atPath: file.path).flatMap(read)
    }

    /// The records in a file's bytes, read in parallel; nil for anything `contents()` did not
    /// write.
    static func read(_ bytes: [UInt8]) -> ChapterCache? {
        guard bytes.starts(with: header) else { return nil }
        let ranges = bytes.withUnsafeBufferPointer { buffer -> [Range<Int>]? in
            var reader = RecordReader(CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[header.count...])))
            guard reader.text() == BinaryIdentity.current, let count = reader.count() else { return nil }
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            for _ in 0..<count {
                guard let range = reader.bytes.runRange() else { return nil }
                ranges.append((range.lowerBound + header.count)..<(range.upperBound + header.count))
            }
            return reader.bytes.isAtEnd ? ranges : nil
        }
        guard let ranges else { return nil }
        // A few records per job (most take microseconds to read).
        let runs = stride(from: 0, to: ranges.count, by: 16).map { $0..<min($0 + 16, ranges.count) }
        let read = Parallel.mapNow(runs.count) { run in
            bytes.withUnsafeBufferPointer { buffer in
                ranges[runs[run]].map { range -> ChapterRecord? in
                    var reader = RecordReader(CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[range])))
                    // Previews are read when asked for, from the file's bytes.
                    let record = ChapterRecord(from: &reader) { previews in
                        PagePreviews(store: EncodedPreviews(bytes: bytes[range.lowerBound + previews.lowerBound..<range.lowerBound + previews.upperBound]))
                    }
                    guard let record, reader.bytes.isAtEnd else { return nil }
                    return record
                }
            }
        }
        var cache = ChapterCache(records: [])
        cache.records.reserveCapacity(ranges.count)
        for record in read.joined() {
            guard let record else { return nil }
            cache.records.append(record)
        }
        cache.encoded = ranges.map { bytes[$0] }
        return cache
    }
}
