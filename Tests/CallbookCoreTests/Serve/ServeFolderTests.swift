import CallbookCore
import Foundation
import Testing

/// `ServeFolder`: serve's working folder, made by `mkdtemp`.
@Suite("serve: private working folder")
struct ServeFolderTests {
    @Test("a new real folder of mode 0700 each time, named callbook-serve-XXXXXX; remove() removes it")
    func made() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let first = try ServeFolder(in: parent)
        let second = try ServeFolder(in: parent)
        #expect(first.url != second.url)
        for folder in [first, second] {
            #expect(folder.url.deletingLastPathComponent().standardizedFileURL.path == parent.standardizedFileURL.path)
            #expect(folder.url.lastPathComponent.hasPrefix("callbook-serve-"))
            #expect(folder.url.lastPathComponent.count == "callbook-serve-".count + 6)
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.path)
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
        try FileManager.default.createDirectory(at: first.url.appendingPathComponent("site/a"), withIntermediateDirectories: true)
        try first.remove()
        #expect(!FileManager.default.fileExists(atPath: first.url.path))
    }

    @Test("a parent that cannot hold it is an error naming the parent")
    func unwritable() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect {
            try ServeFolder(in: missing)
        } throws: { error in
            (error as? CallbookError)?.description.contains(missing.path) == true
        }
    }
}
