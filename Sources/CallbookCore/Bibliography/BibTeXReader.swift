import CBtparse
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads BibTeX text into entries through libbtparse: the only file that talks to it.
///
/// btparse keeps its state (macro table, line counter, the file being read) in C globals and
/// prints its messages on C's `stderr`, so every read holds one process-wide lock, points
/// `stderr` at a buffer while it runs and turns what btparse printed (lines naming the file)
/// into diagnostics with the file and line; anything else printed meanwhile is passed on. `@string` macros apply from their definition on, across the files of one
/// read; the month macros `jan`…`dec` are predefined, as in BibTeX. A malformed entry is an
/// error at its line and is left out; the other entries are read.
public enum BibTeXReader {
    /// btparse's global state, and whether `bt_initialize` ran.
    private static let library = Mutex(false)

    /// One file's text and the path diagnostics name.
    public struct Source: Sendable {
        public var path: String
        public var text: String
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Reads the files in order (macros defined in one are known in the next).
    public static func read(_ sources: [Source]) -> (entries: [BibEntry], diagnostics: [Diagnostic]) {
        library.withLock { initialized in
            if !initialized {
                bt_initialize()
                initialized = true
            }
            bt_delete_all_macros()
            for month in months { defineMacro(month.prefix(3).lowercased(), month) }
            var entries: [BibEntry] = []
            var diagnostics: [Diagnostic] = []
            for source in sources {
                let (read, messages) = capturingMessages { parse(source) }
                entries += read
                // `stderr` is the whole process's: what other threads printed meanwhile goes back out.
                let (own, others) = messages.split(separator: "\n", omittingEmptySubsequences: true)
                    .reduce(into: ([Substring](), [Substring]())) { result, line in
                        if line.hasPrefix(source.path + ", ") || line.hasPrefix("warning: bt_") { result.0.append(line) } else { result.1.append(line) }
                    }
                if !others.isEmpty { FileHandle.standardError.write(Data((others.joined(separator: "\n") + "\n").utf8)) }
                diagnostics += Self.diagnostics(from: own.joined(separator: "\n"), source: source)
            }
            return (entries, diagnostics)
        }
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    private static func defineMacro(_ name: String, _ text: String) {
        name.withCString { macro in
            text.withCString { value in
                bt_add_macro_text(UnsafeMutablePointer(mutating: macro), UnsafeMutablePointer(mutating: value), nil, 0)
            }
        }
    }

    /// Runs `body` with C's `stderr` pointed at a memory buffer; returns what was printed there.
    private static func capturingMessages<T>(_ body: () -> T) -> (T, String) {
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return (body(), "") }
        let previous = callbook_bt_swap_stderr(stream)
        let result = body()
        _ = callbook_bt_swap_stderr(previous)
        fclose(stream)
        defer { free(buffer) }
        let text = buffer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: size), as: UTF8.self) } ?? ""
        return (result, text)
    }

    /// The regular entries of one file.
    private static func parse(_ source: Source) -> [BibEntry] {
        var bytes = Array(source.text.utf8)
        guard !bytes.isEmpty else { return [] }
        let lines = LineStarts(bytes)
        return bytes.withUnsafeMutableBytes { raw -> [BibEntry] in
            guard let file = fmemopen(raw.baseAddress, raw.count, "r") else { return [] }
            defer { fclose(file) }
            var entries: [BibEntry] = []
            source.path.withCString { path in
                let name = UnsafeMutablePointer(mutating: path)
                var ok: boolean = 0
                while let entry = bt_parse_entry(file, name, 0, &ok) {
                    defer { bt_free_ast(entry) }
                    if ok != 0, bt_entry_metatype(entry) == BTE_REGULAR, let read = Self.entry(entry, source: source, lines: lines) {
                        entries.append(read)
                    }
                }
                // btparse forgets the file it was reading only when it is asked once more after the
                // end; without this, an error at the very end makes it drop the next file's entries.
                while let extra = bt_parse_entry(file, name, 0, &ok) { bt_free_ast(extra) }
            }
            return entries
        }
    }

    private static func entry(_ entry: UnsafeMutablePointer<AST>, source: Source, lines: LineStarts) -> BibEntry? {
        guard let keyPointer = bt_entry_key(entry), let typePointer = bt_entry_type(entry) else { return nil }
        let line = Int(entry.pointee.line)
        var fields: [String: String] = [:]
        var name: UnsafeMutablePointer<CChar>?
        var field = bt_next_field(entry, nil, &name)
        while let current = field {
            if let name, let value = bt_get_text(current) {
                fields[String(cString: name).lowercased()] = String(cString: value)
            }
            field = bt_next_field(entry, current, &name)
        }
        let range = SourceRange(file: source.path, line: line, column: lines.column(of: UInt8(ascii: "@"), onLine: line))
        return BibEntry(key: String(cString: keyPointer), type: String(cString: typePointer).lowercased(), fields: fields,
                        authors: names(fields["author"], source: source, line: line),
                        editors: names(fields["editor"], source: source, line: line), range: range)
    }

    /// A name list split on `and`, each name into its four parts, by btparse's rules.
    private static func names(_ value: String?, source: Source, line: Int) -> [BibName] {
        guard let value, !value.isEmpty else { return [] }
        var names: [BibName] = []
        var text = Array(value.utf8CString)
        text.withUnsafeMutableBufferPointer { buffer in
            source.path.withCString { path in
                let file = UnsafeMutablePointer(mutating: path)
                guard let list = "and".withCString({ bt_split_list(buffer.baseAddress, UnsafeMutablePointer(mutating: $0), file, Int32(line), nil) })
                else { return }
                defer { bt_free_list(list) }
                for index in 0..<Int(list.pointee.num_items) {
                    guard let item = list.pointee.items[index], let split = bt_split_name(item, file, Int32(line), Int32(index + 1))
                    else { continue }
                    defer { bt_free_name(split) }
                    let parts = withUnsafeBytes(of: split.pointee.parts) { raw in
                        Array(raw.bindMemory(to: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?.self))
                    }
                    let lengths = withUnsafeBytes(of: split.pointee.part_len) { Array($0.bindMemory(to: Int32.self)) }
                    func words(_ part: Int) -> [String] {
                        guard let tokens = parts[part] else { return [] }
                        return (0..<Int(lengths[part])).compactMap { tokens[$0].map { String(cString: $0) } }
                    }
                    var name = BibName(first: words(Int(BTN_FIRST.rawValue)), von: words(Int(BTN_VON.rawValue)),
                                       last: words(Int(BTN_LAST.rawValue)), jr: words(Int(BTN_JR.rawValue)))
                    if name.last.isEmpty, let family = name.von.first {
                        // An all-lowercase family name ("hooks, bell"): btparse leaves it in the von
                        // part (with the given names after it); it is the family name.
                        name.last = [family]
                        name.von = []
                    }
                    if !name.last.isEmpty || !name.first.isEmpty { names.append(name) }
                }
            }
        }
        return names
    }

    /// btparse's messages (`file, line N[, item], warning|syntax error: …`) as diagnostics.
    static func diagnostics(from messages: String, source: Source) -> [Diagnostic] {
        messages.split(separator: "\n").compactMap { message -> Diagnostic? in
            guard !message.contains("second attempt to read past eof") else { return nil }
            var rest = Substring(message)
            var line = 1
            if let marker = rest.range(of: ", line ") {
                let digits = rest[marker.upperBound...].prefix { $0.isNumber }
                line = Int(digits) ?? 1
                rest = rest[marker.upperBound...].dropFirst(digits.count)
                if rest.hasPrefix(", ") { rest = rest.dropFirst(2) }
            }
            // What comes before the first ": " says what kind of message it is, and about what.
            var head = Substring("")
            if let colon = rest.range(of: ": ") {
                head = rest[..<colon.lowerBound]
                rest = rest[colon.upperBound...]
            }
            let isWarning = head.contains("warning")
            let subject = head.replacingOccurrences(of: "warning", with: "").replacingOccurrences(of: "syntax error", with: "")
                .replacingOccurrences(of: "lexical error", with: "").trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            let text = (subject.isEmpty ? "" : subject + ": ") + rest
            let range = SourceRange(file: source.path, line: line, column: 1)
            return isWarning
                ? .warning("bibtex-warning", String(text), at: range)
                : .error("bibtex-syntax", "\(text); the entry is not read", at: range)
        }
    }
}

/// Where each line of a text starts, found once, so a column is found by looking at one line.
struct LineStarts {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.starts = starts
    }

    /// The 1-based column of the first `byte` on the 1-based `line`, else 1.
    func column(of byte: UInt8, onLine line: Int) -> Int {
        guard line >= 1, line <= starts.count else { return 1 }
        var index = starts[line - 1]
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            if bytes[index] == byte { return index - starts[line - 1] + 1 }
            index += 1
        }
        return 1
    }
}
