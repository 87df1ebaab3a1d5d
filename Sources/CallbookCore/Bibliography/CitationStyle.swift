import Foundation

/// APA-like author–date citations, as mystmd renders them (its citation-js APA style): in the
/// text "Brown (2015)" or "(Woodley et al., 2020)", and in reference lists "Lowe, D. (2016).
/// Title. *Journal*, *12*(3), 45–67. DOI". Pure functions of a `BibEntry`; the year letters that
/// tell apart one author's works of one year ("2019a") are given by `Bibliography`.
public enum CitationStyle {
    // MARK: In the text

    /// The author part of an in-text citation — "Brown", "Lave & Wenger", "Woodley" with
    /// `etAl`, or a corporate author — and whether "et al." follows.
    public static func citedAuthors(_ entry: BibEntry) -> (names: String, etAl: Bool) {
        let people = (entry.authors.isEmpty ? entry.editors : entry.authors).filter { !$0.isOthers }
        let others = (entry.authors.isEmpty ? entry.editors : entry.authors).contains(where: \.isOthers)
        guard let first = people.first else {
            return (entry.text("title") ?? publisher(entry) ?? entry.key, false)
        }
        switch people.count {
        case 1: return (familyInText(first), others)
        case 2 where !others: return ("\(familyInText(first)) & \(familyInText(people[1]))", false)
        default: return (familyInText(first), true)
        }
    }

    /// The in-text text without parentheses: "Woodley et al., 2020" (parenthetical) or
    /// "Woodley et al. (2020)" (narrative). `etAl` tells where "et al." stands, for italics.
    public static func inText(_ entry: BibEntry, year: String, narrative: Bool) -> [Inline] {
        let (names, etAl) = citedAuthors(entry)
        var nodes: [Inline] = []
        if etAl {
            nodes.append(Inline(.text(names + " ")))
            nodes.append(Inline(.emphasis([Inline(.text("et al."))])))
            nodes.append(Inline(.text(narrative ? " (\(year))" : ", \(year)")))
        } else {
            nodes.append(Inline(.text(narrative ? "\(names) (\(year))" : "\(names), \(year)")))
        }
        return nodes
    }

    /// The year as cited ("2015", "n.d."), before any disambiguating letter.
    public static func year(_ entry: BibEntry) -> String {
        if let year = entry.text("year"), !year.isEmpty { return year }
        if let date = entry.text("date"), let year = date.split(separator: "-").first(where: { $0.count == 4 }) { return String(year) }
        return "n.d."
    }

    /// Every author's full name and the year: works alike in these need year letters.
    static func authorsAndYear(_ entry: BibEntry) -> String {
        let names = (entry.authors.isEmpty ? entry.editors : entry.authors).map { name in
            LaTeXText.plain((name.von + name.last + name.first + name.jr).joined(separator: " "))
        }
        return (names + [year(entry)]).joined(separator: "|")
    }

    /// The family name in the text: without the von part ("de Vries" → "Vries"), as mystmd does.
    static func familyInText(_ name: BibName) -> String {
        LaTeXText.plain((name.last.isEmpty ? name.von : name.last).joined(separator: " "))
    }

    // MARK: In the reference list

    /// The sort key of the reference list: author names, year, title.
    public static func sortKey(_ entry: BibEntry) -> String {
        let names = (entry.authors.isEmpty ? entry.editors : entry.authors).map { name in
            (LaTeXText.plain((name.last + name.first).joined(separator: " ")))
        }.joined(separator: " ")
        return [names, year(entry), entry.text("title") ?? ""].joined(separator: "\u{1}").lowercased()
    }

    /// The reference list entry, `year` including any letter ("2019a").
    public static func reference(_ entry: BibEntry, year: String) -> [Inline] {
        var out = Output()
        let authors = entry.authors.isEmpty ? entry.editors : entry.authors
        // Without authors the title takes their place (in italics) and is not repeated.
        var title = entry.text("title").map(curly)
        if !authors.isEmpty {
            out.text(authorList(authors))
            if entry.authors.isEmpty { out.text(entry.editors.count == 1 ? " (Ed.)." : " (Eds.).") }
            out.text(" ")
        } else if let work = title {
            out.emphasis(work)
            out.endSentence()
            out.text(" ")
            title = nil
        }
        out.text("(\(date(entry, year: year))).")
        let container = entry.text("journal")
        let book = entry.text("booktitle")
        let pages = entry.text("pages").map(pageRange)
        let publisher = publisher(entry)
        let kind = entry.fields["type"].map { " [\(LaTeXText.plain($0))]" } ?? ""
        switch entry.type {
        case "article" where container != nil:
            if let title { out.text(" " + sentence(title + kind)) }
            if let container {
                out.text(" ")
                out.emphasis(titleCase(container))
                if let volume = entry.text("volume") {
                    out.text(", ")
                    out.emphasis(volume)
                    if let issue = issue(entry) { out.text("(\(issue))") }
                } else if let issue = issue(entry) {
                    out.text(", ")  // an issue without a volume stands where the volume would
                    out.emphasis(issue)
                }
                if let pages { out.text(", " + pages) }
                out.endSentence()
            }
        case "inproceedings", "conference":
            if let title { out.text(" " + sentence(title)) }
            if let book {
                out.text(" ")
                out.emphasis(book)
                if let volume = entry.text("volume") {
                    out.text(", ")
                    out.emphasis(volume)
                }
                if let pages { out.text(", " + pages) }
                out.endSentence()
            }
            if let publisher, book == nil { out.text(" " + sentence(publisher)) }
        case "incollection" where book != nil, "inbook" where book != nil:
            if let title { out.text(" " + sentence(title + kind)) }
            out.text(" In ")
            if !entry.editors.isEmpty, !entry.authors.isEmpty {
                out.text(editorList(entry.editors) + (entry.editors.count == 1 ? " (Ed.), " : " (Eds.), "))
            }
            out.emphasis(book ?? "")
            if let pages { out.text(" (pp. \(pages))") }
            out.endSentence()
            if let publisher { out.text(" " + sentence(publisher)) }
        default:
            // Books, reports, theses, web pages and everything else: the title is the work.
            if let container = container ?? book, entry.type != "article" {
                if let title { out.text(" " + sentence(title + kind)) }
                out.text(" In ")
                out.emphasis(container)
                if let pages { out.text(" (pp. \(pages))") }
                out.endSentence()
            } else if let title {
                out.text(" ")
                out.emphasis(title)
                out.text(kind)
                if let pages { out.text(" (pp. \(pages))") }
                out.endSentence()
            }
            // A journal article without its journal names no publisher either.
            if let publisher, entry.type != "article" { out.text(" " + sentence(publisher)) }
        }
        if let link = link(entry) {
            out.text(" ")
            out.link(link.url, link.text)
        }
        return out.nodes
    }

    /// Authors as APA lists them: "Lave, J., & Wenger, E."; after 20, the first 19, "…", the last.
    static func authorList(_ names: [BibName]) -> String {
        var people = names.filter { !$0.isOthers }.map(sortName)
        if names.contains(where: \.isOthers) { people.append("others") }
        guard people.count > 1 else { return terminated(people.first ?? "") }
        if people.count > 20 { return people.prefix(19).joined(separator: ", ") + ", … " + people[people.count - 1] }
        return terminated(people.dropLast().joined(separator: ", ") + ", & " + people[people.count - 1])
    }

    /// Editors in the "In …" part: "E. Editor & F. Other".
    static func editorList(_ names: [BibName]) -> String {
        let people = names.filter { !$0.isOthers }.map { name -> String in
            let initials = initialsOf(name.first)
            return (initials.isEmpty ? "" : initials + " ") + curly(LaTeXText.plain((name.von + name.last).joined(separator: " ")))
        }
        switch people.count {
        case 0, 1: return people.first ?? ""
        case 2: return people[0] + " & " + people[1]
        default: return people.dropLast().joined(separator: ", ") + ", & " + people[people.count - 1]
        }
    }

    /// "van Gelder, C. W. G." — family name with its von part, then initials, then Jr.
    static func sortName(_ name: BibName) -> String {
        var text = curly(LaTeXText.plain((name.von + name.last).joined(separator: " ")))
        let initials = initialsOf(name.first)
        if !initials.isEmpty { text += ", " + initials }
        if !name.jr.isEmpty { text += ", " + LaTeXText.plain(name.jr.joined(separator: " ")) }
        return text
    }

    /// Given names as initials: "Celia W.G." → "C. W. G.", "Jan-Willem" → "J.-W."; lowercase
    /// words (a particle left among the given names) stay as they are.
    static func initialsOf(_ words: [String]) -> String {
        var initials: [String] = []
        for word in words {
            let plain = LaTeXText.plain(word)
            if plain.containsByte(UInt8(ascii: " ")) {
                for part in plain.split(separator: " ") { initials += initialsOf(word: String(part)) }
            } else if !plain.isEmpty {
                initials += initialsOf(word: plain)
            }
        }
        return initials.joined(separator: " ")
    }

    /// The initials of one given name (no spaces in it): "Celia" → "C.", "W.G." → "W." "G.".
    private static func initialsOf(word plain: String) -> [String] {
        guard let first = plain.first else { return [] }
        if first.isLowercase { return [plain] }
        let hasFullStop = plain.containsByte(UInt8(ascii: "."))
        // A name already cut short with a full stop ("Chris.", "Inc.") stays as written.
        if hasFullStop, plain.count > 2, plain.hasSuffix("."), plain.dropLast().allSatisfy(\.isLetter) { return [plain] }
        if plain.hasPrefix("IJ") { return ["Ij."] }  // the Dutch digraph
        if plain.containsByte(UInt8(ascii: "-")) {
            return [plain.split(separator: "-").compactMap { $0.first.map { String($0) + "." } }.joined(separator: "-")]
        }
        if hasFullStop {
            let pieces = plain.split(separator: ".").filter { !$0.isEmpty }
            if pieces.count > 1 { return pieces.compactMap { $0.first.map { String($0) + "." } } }
        }
        return [String(first) + "."]
    }

    /// The date in the reference list: the year, with month and day for web pages, and for
    /// conference papers without pages (talks rather than proceedings), when the entry gives them.
    static func date(_ entry: BibEntry, year: String) -> String {
        let talk = ["inproceedings", "conference"].contains(entry.type) && entry.fields["pages"] == nil
        guard entry.type == "online" || talk else { return year }
        var month: Int?
        var day: Int?
        if let date = entry.text("date") {
            let parts = date.split(separator: "-").map { Int($0) }
            if parts.count >= 2, parts[0].map({ $0 > 999 }) == true {
                month = parts[1]
                day = parts.count > 2 ? parts[2] : nil
            }
        }
        if month == nil, let name = entry.text("month") {
            month = BibTeXReader.months.firstIndex { $0.lowercased().hasPrefix(name.lowercased().prefix(3)) }.map { $0 + 1 }
        }
        guard let month, (1...12).contains(month) else { return year }
        let monthName = BibTeXReader.months[month - 1]
        return day.map { "\(year), \(monthName) \($0)" } ?? "\(year), \(monthName)"
    }

    static func issue(_ entry: BibEntry) -> String? {
        (entry.text("number") ?? entry.text("issue")).map { $0.replacingOccurrences(of: "-", with: "–") }
    }

    static func publisher(_ entry: BibEntry) -> String? {
        guard let publisher = entry.text("publisher") ?? entry.text("organization") ?? entry.text("institution")
            ?? entry.text("school") ?? entry.text("howpublished") else { return nil }
        // A name list in BibTeX terms: mystmd keeps the first of several.
        let first = publisher.components(separatedBy: " and ").first ?? publisher
        return curly(first)
    }

    /// Page ranges with an en dash, the second number written out in full ("353--66" → "353–366").
    static func pageRange(_ pages: String) -> String {
        let parts = pages.split(whereSeparator: { $0 == "-" || $0 == "–" }).map(String.init)
        guard parts.count == 2 else { return pages }
        var (start, end) = (parts[0], parts[1])
        if start.allSatisfy(\.isNumber), end.allSatisfy(\.isNumber), end.count < start.count {
            end = String(start.prefix(start.count - end.count)) + end
        }
        return start + "–" + end
    }

    /// A DOI link (from the `doi` field, or a DOI inside the `url`), else the URL.
    static func link(_ entry: BibEntry) -> (url: String, text: String)? {
        if let doi = entry.fields["doi"] {
            guard let bare = DOI.find(in: doi) else { return nil }
            return ("https://doi.org/" + bare, doi.hasPrefix("10.") ? bare : doi)
        }
        guard let url = entry.fields["url"] else { return nil }
        if let bare = DOI.find(in: url) { return ("https://doi.org/" + bare, bare) }
        return (url, url)
    }

    /// A title as a sentence: a full stop added unless it ends with one, "?" or "!".
    static func sentence(_ text: String) -> String {
        terminated(text)
    }

    static func terminated(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".?!".contains(last) ? text : text + "."
    }

    /// Title case as CSL applies it to journal names: lowercase words are capitalised, except
    /// short function words after the first; words with a capital letter are kept as written.
    static func titleCase(_ text: String) -> String {
        var first = true
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            defer { first = false }
            guard let letter = word.firstIndex(where: \.isLetter), word[letter].isLowercase,
                  !word.contains(where: \.isUppercase) else { return String(word) }
            if !first, stopWords.contains(word.lowercased()) { return String(word) }
            return word[..<letter] + word[letter].uppercased() + word[word.index(after: letter)...]
        }.joined(separator: " ")
    }

    static let stopWords: Set<String> = ["a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into",
                                         "nor", "of", "on", "onto", "or", "over", "so", "the", "till", "to", "up",
                                         "via", "with", "yet"]

    /// Typographic apostrophes and quotes: `'` → ’ (‘ at the start of a word), `"` → “ ”.
    static func curly(_ text: String) -> String {
        guard text.containsByte(0x27) || text.containsByte(0x22) else { return text }
        // An unmatched double quote is left straight, as it may not open anything.
        let pairedDoubles = text.filter { $0 == "\"" }.count % 2 == 0
        var result = ""
        var previous: Character = " "
        var openDouble = false
        for character in text {
            switch character {
            case "'": result.append(previous.isWhitespace || previous == "(" ? "‘" : "’")
            case "\"" where pairedDoubles:
                openDouble.toggle()
                result.append(openDouble ? "“" : "”")
            default: result.append(character)
            }
            previous = character
        }
        return result
    }

    /// Inline nodes built piece by piece, adjacent texts merged.
    struct Output {
        var nodes: [Inline] = []

        mutating func text(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = nodes.last?.kind {
                nodes[nodes.count - 1] = Inline(.text(previous + text))
            } else {
                nodes.append(Inline(.text(text)))
            }
        }

        mutating func emphasis(_ text: String) {
            nodes.append(Inline(.emphasis([Inline(.text(text))])))
        }

        mutating func link(_ url: String, _ text: String) {
            nodes.append(Inline(.link(url: url, title: nil, children: [Inline(.text(text))])))
        }

        /// Ends a sentence with a full stop unless the text already ends with one, "?" or "!".
        mutating func endSentence() {
            let last = nodes.last.map { [$0].plainText.last } ?? nil
            if let last, ".?!".contains(last) { return }
            text(".")
        }
    }
}

/// Digital Object Identifiers: `10.` + registrant + `/` + suffix, as written or inside a URL.
enum DOI {
    static func find(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == "1", scalars[index + 1] == "0", scalars[index + 2] == ".",
               index == 0 || !isDigit(scalars[index - 1]) {
                var cursor = index + 3
                let digitsStart = cursor
                while cursor < scalars.count, isDigit(scalars[cursor]) { cursor += 1 }
                let digits = cursor - digitsStart
                if (4...9).contains(digits), cursor < scalars.count, scalars[cursor] == "/" {
                    cursor += 1
                    let suffixStart = cursor
                    while cursor < scalars.count, isSuffix(scalars[cursor]) { cursor += 1 }
                    if cursor > suffixStart {
                        var view = String.UnicodeScalarView()
                        view.append(contentsOf: scalars[index..<cursor])
                        return String(view)
                    }
                }
            }
            index += 1
        }
        return nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    private static func isSuffix(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            || "-._;()/:".unicodeScalars.contains(scalar)
    }
}
