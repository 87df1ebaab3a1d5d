import Foundation

/// `bibliography`: the reference list, where it stands. Its argument may name `.bib` files
/// (relative to the chapter, as Jupyter Book books write them); they join the book's
/// bibliography. Without options it lists every entry (`:all:`); `:cited:` and `:notcited:`
/// stand for `:filter: cited` and `:filter: not cited`, and `:filter:` wins over them (see
/// `BibliographyFilter`). The entries are filled in when the book is resolved.
enum BibliographyDirective {
    static let spec = DirectiveSpec(
        names: ["bibliography"], argument: .optional,
        options: ["filter": .text, "all": .flag, "cited": .flag, "notcited": .flag, "style": .text, "labelprefix": .text,
                  "keyprefix": .text],
        body: .none
    ) { invocation, session in
        for path in (invocation.argument ?? "").split(separator: " ") where path.hasSuffix(".bib") {
            session.requestBibliography(String(path), at: invocation.range)
        }
        let filter = invocation.option("filter")
            ?? (invocation.flag("cited") ? "cited" : invocation.flag("notcited") ? "not cited" : nil)
        return [Block(.bibliography(BibliographyListing(filter: filter)), at: invocation.range)]
    }
}
