import Foundation

/// Labels and anchors as MyST makes them, so that `{ref}` finds what mystmd finds and links
/// land on the same `id`s.
public enum Labels {
    /// The identifier a label is looked up by (mystmd's `normalizeLabel`): runs of white space
    /// become one space, quotes (`'‘’"“”`) are removed, then it is trimmed and lowercased.
    /// `"  My   -   Figure  "` → `"my - figure"`.
    public static func normalize(_ label: String) -> String {
        // Fast path: most labels are already lowercase ASCII words joined by `-`, `_`, `:` or `.`.
        if label.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
                || $0 == 0x3A || $0 == 0x2E }) {
            return label
        }
        // As mystmd: runs of white space become one space, then quotes go, then trim and lowercase.
        var collapsed = String.UnicodeScalarView()
        var inSpace = false
        for scalar in label.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                if !inSpace { collapsed.append(" ") }
                inSpace = true
            } else {
                collapsed.append(scalar)
                inSpace = false
            }
        }
        var out = String.UnicodeScalarView()
        for scalar in collapsed where !"'‘’\"“”".unicodeScalars.contains(scalar) { out.append(scalar) }
        let text = String(out)
        let trimmed = text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
        return String(trimmed).lowercased()
    }

    /// The HTML `id` for an identifier (mystmd's `createHtmlId`): lowercase; every character
    /// other than `a-z`, `0-9` and `-` becomes `-`; an id starting with a digit or `-` gets
    /// `id-` in front; repeated `-` collapse; leading and trailing `-` go.
    /// `"Hello, World!"` → `"hello-world"`, `"1. Intro"` → `"id-1-intro"`.
    public static func htmlID(_ identifier: String) -> String {
        var mapped = ""
        for scalar in identifier.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
            mapped.unicodeScalars.append(keep ? scalar : "-")
        }
        if let first = mapped.unicodeScalars.first, first == "-" || ("0"..."9").contains(first) {
            mapped = "id-" + mapped
        }
        var out = ""
        for char in mapped where !(char == "-" && out.last == "-") { out.append(char) }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// The anchor of a heading with no explicit label: the html id of its normalised text.
    public static func headingID(_ text: String) -> String {
        htmlID(normalize(text))
    }
}
