import Foundation
import Yams

/// One example of `../shared/myst-spec/examples/*.yml`: MyST in, mdast and often HTML out.
struct SpecCase {
    var title: String
    var myst: String
    var html: String?
    var mdast: Any?
    /// Marked `invalid: true`: the case describes a tree that parsing must not produce.
    var invalid: Bool

    static func load(_ file: URL) throws -> [SpecCase] {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { entry in
            guard let myst = entry["myst"] as? String else { return nil }
            return SpecCase(title: entry["title"] as? String ?? "", myst: myst,
                            html: entry["html"] as? String, mdast: entry["mdast"],
                            invalid: entry["invalid"] as? Bool ?? false)
        }
    }
}
