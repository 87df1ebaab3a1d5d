import Foundation

/// `bibliography`: the reference list, where it stands. Its argument may name `.bib` files
/// (relative to the chapter, as Jupyter Book books write them); they join the book's
/// bibliography. `:filter: cited` keeps the works cited in the book; `:all:` (the default)
/// lists every entry. The entries are filled in when the book is resolved.
enum BibliographyDirective {
    static let spec = DirectiveSpec(
        names: ["bibliography"], argument: .optional,
        options: ["filter": .text, "all": .flag, "cited": .flag, "style": .text, "labelprefix": .text, "keyprefix": .text],
        body: .none
    ) { invocation, session in
        for path in (invocation.argument ?? "").split(separator: " ") where path.hasSuffix(".bib") {
            session.requestBibliography(String(path), at: invocation.range)
        }
        let filter = invocation.flag("cited") ? "cited" : invocation.option("filter")
        return [Block(.bibliography(BibliographyListing(filter: filter)), at: invocation.range)]
    }
}
