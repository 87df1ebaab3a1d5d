import Yams

/// The keys of a configuration file that callbook reads, as a tree: each key maps to the keys
/// read below it, or to `.whole` when its whole value is read. Every other key is listed once,
/// in a note, so that nothing a book sets is dropped without a word.
enum ConfigKeys: Sendable {
    case whole
    case keys([String: ConfigKeys])

    /// What callbook reads of mystmd's `myst.yml`.
    static let myst: ConfigKeys = .keys([
        "version": .whole,
        "project": .keys(["title": .whole, "description": .whole, "language": .whole, "lang": .whole,
                          "authors": .whole, "exclude": .whole, "bibliography": .whole, "github": .whole,
                          "license": .whole, "toc": .whole]),
        "site": .keys(["url": .whole, "options": .keys(["logo": .whole, "favicon": .whole, "base_url": .whole])]),
    ])

    /// What callbook reads of Jupyter Book's `_config.yml`.
    static let jupyterBook: ConfigKeys = .keys([
        "title": .whole, "author": .whole, "description": .whole, "language": .whole, "logo": .whole,
        "exclude_patterns": .whole, "bibtex_bibfiles": .whole,
        "html": .keys(["favicon": .whole, "baseurl": .whole]),
        "repository": .keys(["url": .whole, "branch": .whole, "path_to_book": .whole]),
        "sphinx": .keys(["config": .keys(["language": .whole])]),
    ])

    /// The note `config-unused-keys` listing the keys of `file` that callbook does not use
    /// (`project.thebe`, `html.google_analytics_id`), at the first of them; nil when it uses
    /// them all.
    func unusedKeysNote(in file: YAMLFile) -> Diagnostic? {
        var unused: [(path: String, node: Node)] = []
        func visit(_ node: Node, _ known: ConfigKeys, prefix: String) {
            guard case .keys(let keys) = known, case .mapping(let mapping) = node else { return }
            for (key, value) in mapping {
                guard let name = key.scalarString else { continue }
                if let below = keys[name] {
                    visit(value, below, prefix: prefix + name + ".")
                } else {
                    unused.append((prefix + name, key))
                }
            }
        }
        if let root = file.root { visit(root, self, prefix: "") }
        guard let first = unused.first else { return nil }
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return .note("config-unused-keys",
                     "callbook does not use \(unused.count == 1 ? "this key" : "these \(unused.count) keys") of \(name): "
                        + unused.map(\.path).joined(separator: ", "),
                     at: file.range(of: first.node))
    }
}
