import Foundation

/// LaTeX as BibTeX files hold it, turned into plain Unicode text: accents (`{\"o}`, `\'{e}`,
/// `\v c`), special letters (`\ss`, `\o`, `\i`), escapes (`\&`, `\%`, `\_`), dashes (`--`, `---`),
/// quotes (``` `` ```, `''`), ties (`~`), case-protecting braces and text commands (`\emph{…}`,
/// `\url{…}`, `\href{url}{text}`). One pass, no recursion: braces are simply dropped.
public enum LaTeXText {
    public static func plain(_ latex: String) -> String {
        // Read as bytes: each of these characters is one ASCII byte (a mark combined onto one is
        // read scalar by scalar below, with the same result).
        guard latex.containsByte(where: isSpecial) else { return collapse(latex) }
        let scalars = Array(latex.unicodeScalars)
        var output: [UInt8] = []  // UTF-8
        output.reserveCapacity(latex.utf8.count)
        func put(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { output.append($0) } }
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "{", "}", "$":
                index += 1
            case "~":
                put("\u{00A0}")
                index += 1
            case "-":
                if peek(1) == "-", peek(2) == "-" {
                    put("\u{2014}")
                    index += 3
                } else if peek(1) == "-" {
                    put("\u{2013}")
                    index += 2
                } else {
                    put(scalar)
                    index += 1
                }
            case "`" where peek(1) == "`":
                put("\u{201C}")
                index += 2
            case "'" where peek(1) == "'":
                put("\u{201D}")
                index += 2
            case "\\":
                index += 1
                guard let next = peek() else { break }
                if let mark = accents[next], !isLetter(next) || !isLetter(peek(1)) {
                    index += 1
                    output.append(contentsOf: accented(mark, scalars, &index).utf8)
                } else if isLetter(next) {
                    var name = ""
                    while let letter = peek(), isLetter(letter) {
                        name.unicodeScalars.append(letter)
                        index += 1
                    }
                    while peek() == " " { index += 1 }  // TeX swallows the spaces after a control word
                    if let symbol = symbols[name] {
                        output.append(contentsOf: symbol.utf8)
                    } else if name == "ifmmode" {
                        skipMathBranch(scalars, &index)  // `\ifmmode … \else text \fi`: the text branch
                    } else if name == "href" {
                        skipGroup(scalars, &index)  // the address; the text follows
                    }
                    // Any other command (\emph, \textit, \url…) leaves its argument's text.
                } else {
                    index += 1
                    switch next {
                    case "\\", " ", "\n": put(" ")
                    case "-", "/": break  // hyphenation hints
                    case ",", ";", ":": put("\u{2009}")
                    default: put(next)  // \& \% \$ \# \_ \{ \}
                    }
                }
            default:
                put(scalar)
                index += 1
            }
        }
        return collapse(String(decoding: output, as: UTF8.self))
    }

    /// The accented letter after an accent command: `{e}`, `e`, ` e`, `{\i}`.
    private static func accented(_ mark: Unicode.Scalar, _ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        while index < scalars.count, scalars[index] == "{" || scalars[index] == " " { index += 1 }
        guard index < scalars.count else { return String(Character(mark)) }
        var base = scalars[index]
        index += 1
        if base == "\\", index < scalars.count, scalars[index] == "i" || scalars[index] == "j" {
            base = scalars[index] == "i" ? "i" : "j"  // dotless i/j under an accent: the accent takes the dot's place
            index += 1
        }
        var text = String.UnicodeScalarView([base])
        text.append(mark)
        return String(text).precomposedStringWithCanonicalMapping
    }

    /// Skips to just after the `\else` of an `\ifmmode` (or to its `\fi`, which is dropped).
    private static func skipMathBranch(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count {
            if scalars[index] == "\\" {
                let rest = scalars[(index + 1)...].prefix(4)
                if rest.elementsEqual("else".unicodeScalars) { index += 5; return }
                if rest.prefix(2).elementsEqual("fi".unicodeScalars) { return }
            }
            index += 1
        }
    }

    /// Skips one `{…}` group (with nested braces) after optional spaces.
    private static func skipGroup(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard index < scalars.count, scalars[index] == "{" else { return }
        var depth = 0
        while index < scalars.count {
            if scalars[index] == "{" { depth += 1 }
            if scalars[index] == "}" { depth -= 1 }
            index += 1
            if depth == 0 { return }
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
    }

    /// Whether `byte` is one of `\ { } ~ - ` ' $`.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"),
             UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "$"):
            return true
        default:
            return false
        }
    }

    /// Runs of white space as one space, none at the ends.
    private static func collapse(_ text: String) -> String {
        // Most fields have single spaces between words already.
        var previousSpace = true
        let needsCollapsing = text.containsByte { byte in
            defer { previousSpace = byte == 0x20 }
            return byte == 0x0A || byte == 0x09 || byte == 0x0D || (byte == 0x20 && previousSpace)
        }
        guard needsCollapsing || text.utf8.last == 0x20 else { return text }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Accent commands and the combining marks they put on the next letter.
    static let accents: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

    /// Control words that stand for a character.
    static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "\u{2013}", "textemdash": "\u{2014}", "textquoteleft": "\u{2018}", "textquoteright": "\u{2019}",
        "textquotedblleft": "\u{201C}", "textquotedblright": "\u{201D}", "ldots": "…", "dots": "…", "textellipsis": "…",
        "LaTeX": "LaTeX", "TeX": "TeX", "copyright": "©", "textcopyright": "©", "textregistered": "®",
        "texttrademark": "™", "S": "§", "P": "¶", "pounds": "£", "texteuro": "€", "euro": "€",
        "textasciitilde": "~", "textbackslash": "\\", "textunderscore": "_", "textbar": "|", "fi": "",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "mu": "μ", "pi": "π", "sigma": "σ",
    ]
}
