@testable import CallbookCore
import Foundation
import Testing

/// Cache files are read straight into an array: every byte as written (checked against
/// Foundation's reading of the same file), and nothing for what is not a readable regular file.
struct CacheFileReaderTests {
    @Test func aFileReadsAsItsBytesAndAnythingElseAsNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 4095, 4096, 65_537, 3 << 20] {
            let file = folder.appendingPathComponent("cache-\(size)")
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: file)
            #expect(CacheFileReader.bytes(atPath: file.path) == [UInt8](try Data(contentsOf: file)), "\(size) bytes")
        }
        #expect(CacheFileReader.bytes(atPath: folder.appendingPathComponent("missing").path) == nil)
        #expect(CacheFileReader.bytes(atPath: folder.path) == nil)
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.appendingPathComponent("cache-1"))
        #expect(CacheFileReader.bytes(atPath: link.path)?.count == 1)
    }
}
