@testable import CallbookCore
import Foundation
import Testing
import Yams

/// `YAMLFile` reads every plain scalar as text (`Resolver.basic`), without Yams's default
/// guessing of tags. callbook reads only the structure and the texts of the nodes, so the trees
/// must be the same as with the default resolver: checked against it (the oracle) on every YAML
/// file and front matter of the corpora and of our own handbook.
@Suite struct YAMLResolverTests {
    /// The same kinds, texts, keys in order and items, node for node.
    static func differences(_ guessed: Node?, _ plain: Node?, at path: String = "") -> [String] {
        switch (guessed, plain) {
        case (nil, nil): return []
        case (.scalar(let left)?, .scalar(let right)?):
            return left.string == right.string ? [] : ["\(path): '\(left.string)' became '\(right.string)'"]
        case (.mapping(let left)?, .mapping(let right)?):
            guard left.count == right.count else { return ["\(path): \(left.count) keys became \(right.count)"] }
            return zip(left, right).flatMap { pair -> [String] in
                let (l, r) = pair
                return differences(l.key, r.key, at: path + "/key") + differences(l.value, r.value, at: path + "/" + (l.key.scalarString ?? "?"))
            }
        case (.sequence(let left)?, .sequence(let right)?):
            guard left.count == right.count else { return ["\(path): \(left.count) items became \(right.count)"] }
            return zip(left, right).enumerated().flatMap { differences($1.0, $1.1, at: path + "/\($0)") }
        case (.alias?, .alias?): return []
        default: return ["\(path): another kind of node"]
        }
    }

    /// The YAML of `file`: the whole file, or a Markdown file's front matter (nil without one).
    static func yaml(of file: URL) throws -> String? {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard file.pathExtension == "md" else { return text }
        guard text.hasPrefix("---\n") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" }) else { return nil }
        return lines[1..<end].joined(separator: "\n")
    }

    @Test(.enabled(if: SharedData.isAvailable))
    func everyCorpusYAMLReadsAsWithTheDefaultResolver() throws {
        let folders = [try SharedData.path("corpus/turing-way/website"), try SharedData.path("corpus/turing-way-2021/website"),
                       try SharedData.path("myst-spec/examples"), SharedData.packageRoot.appendingPathComponent("content")]
        var read = 0
        var frontMatters = 0
        for folder in folders {
            let walker = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            for case let file as URL in walker where ["yml", "yaml", "md"].contains(file.pathExtension) {
                guard let yaml = try Self.yaml(of: file) else { continue }
                let guessed = try? Yams.compose(yaml: yaml)
                guard guessed != nil || yaml.isEmpty == false else { continue }
                let plain = try? YAMLFile(path: file.path, text: yaml).root
                // A file the default reader refuses is left out (no oracle for it).
                guard let guessed else { continue }
                let differences = Self.differences(guessed, plain)
                #expect(differences.isEmpty, "\(file.path):\n\(differences.prefix(5).joined(separator: "\n"))")
                read += 1
                if file.pathExtension == "md" { frontMatters += 1 }
            }
        }
        // The 2025 book's myst.yml, the 2021 book's _toc.yml and _config.yml, the MyST spec's
        // 31 files of cases, our myst.yml and calls.yml; our chapters' front matter (the
        // corpora's chapters have none).
        #expect(read - frontMatters >= 36, "\(read - frontMatters) YAML files")
        #expect(frontMatters >= 4, "\(frontMatters) front matters")
    }

    @Test func valuesYAMLWouldGuessReadAsWritten() throws {
        let file = try YAMLFile(path: "x.yml", text: """
            title: 2024-01-01
            flag: yes
            other: true
            number: 0x1F
            float: 1.50
            nothing: ~
            infinite: .inf
            """)
        let root = try #require(file.root)
        #expect(["title", "flag", "other", "number", "float", "nothing", "infinite"].map { root[$0]?.scalarString }
                == ["2024-01-01", "yes", "true", "0x1F", "1.50", "~", ".inf"])
    }

    @Test func aKeyQuotedAndPlainIsOneKeyRepeated() {
        // With the default resolver `1` is an integer and `"1"` a string: two keys. Read as
        // text they are one, as in JavaScript's YAML readers (mystmd's): the mapping repeats it.
        #expect(throws: CallbookError.self) { try YAMLFile(path: "x.yml", text: "\"1\": a\n1: b\n") }
        #expect(throws: Never.self) { try Yams.compose(yaml: "\"1\": a\n1: b\n") }
        do {
            _ = try YAMLFile(path: "x.yml", text: "\"1\": a\n1: b\n")
        } catch let error as CallbookError {
            #expect(error.diagnostic.message.contains("repeats the key(s) 1"), "\(error.diagnostic.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
