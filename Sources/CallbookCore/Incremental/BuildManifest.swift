import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a written build read and wrote, for the next build to find out, from stat data alone
/// and before loading anything, that nothing changed: then it writes nothing and reports what
/// the last build reported. Kept beside the build cache (`.callbook-cache/<output>.inputs`).
///
/// The build is up to date when the options that shape the site are the same (book, output,
/// theme and project root folders, `--strict`, `--base-url`, the feeds' stamp, the day in the
/// calendar's zone, this very callbook binary), every file and folder the last build looked at
/// (`InputLog`: chapters, included files, images, configuration, theme, the folders searched for
/// chapters, git's `HEAD`) has the same stamp, missing ones are still missing, and every file and
/// folder of the output is as the last build left it.
public struct BuildManifest: Sendable {
    static let header = "callbook-manifest 3"

    /// The options that shape the site, as `name value` lines.
    var options: [String]
    /// The calendar's zone, whose day of `today` the site depends on; nil without a calendar.
    var calendarZone: String?
    var calendarDay: String?
    var pageCount: Int
    /// Absolute path → stamp, for everything the build looked at.
    var inputs: [String: FileStamp]
    /// Inputs changed so shortly before the build that a later change could keep their stamp
    /// (file times move in steps of a few milliseconds): path → hash of their contents (a
    /// folder's: of its names), compared as well.
    var contentHashes: [String: UInt64] = [:]
    /// Folder → hash of its names (`contentHash`): a file saved by writing a new one in its
    /// place (as many editors do) changes its folder's stamp, not its names, which is no change.
    var folderNames: [String: UInt64] = [:]
    /// Path inside the output → stamp, symbolic links not followed; `` is the output as named
    /// (perhaps a link), `.` the folder it leads to.
    var outputs: [String: FileStamp]
    /// Path inside the output → the file it was copied from, for each asset the site holds
    /// (figures, theme files): one whose source has not changed since is linked into the next
    /// site as it is, without being read again.
    var assets: [String: String] = [:]
    var diagnostics: [Diagnostic]

    init(options: [String], calendarZone: String?, calendarDay: String?, pageCount: Int,
         inputs: [String: FileStamp], outputs: [String: FileStamp], diagnostics: [Diagnostic]) {
        self.options = options
        self.calendarZone = calendarZone
        self.calendarDay = calendarDay
        self.pageCount = pageCount
        self.inputs = inputs
        self.outputs = outputs
        self.diagnostics = diagnostics
    }

    /// `.callbook-cache/<output>.inputs` beside the output folder.
    public static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).inputs")
    }

    /// What of a build's options shapes its site (and its messages).
    public struct Key: Sendable {
        public var bookDirectory: URL
        public var displayRoot: String
        public var projectRoot: URL?
        public var output: URL
        public var themeDirectory: URL
        public var strict: Bool
        public var stamp: Date
        public var baseURL: String?
        /// "Now" for the calendar: only its day in the calendar's zone counts.
        public var today: Date

        public init(bookDirectory: URL, displayRoot: String, projectRoot: URL?, output: URL, themeDirectory: URL,
                    strict: Bool, stamp: Date, baseURL: String?, today: Date) {
            self.bookDirectory = bookDirectory
            self.displayRoot = displayRoot
            self.projectRoot = projectRoot
            self.output = output
            self.themeDirectory = themeDirectory
            self.strict = strict
            self.stamp = stamp
            self.baseURL = baseURL
            self.today = today
        }
    }

    /// What the last build reported, for a build that found nothing changed.
    public struct Replay: Sendable {
        public var diagnostics: [Diagnostic]
        public var pageCount: Int
    }

    /// The options of `options` that shape the site; nil when the project root cannot be found.
    static func optionLines(_ options: Key) -> [String]? {
        guard let root = try? ProjectRoot(bookDirectory: options.bookDirectory, explicit: options.projectRoot) else { return nil }
        return [
            "binary " + BinaryIdentity.current,
            "book " + options.bookDirectory.standardizedFileURL.path,
            "display " + options.displayRoot,
            "root " + root.path,
            "output " + options.output.standardizedFileURL.path,
            "theme " + options.themeDirectory.standardizedFileURL.path,
            "strict \(options.strict)",
            "stamp \(options.stamp.timeIntervalSince1970)",
            "base-url " + (options.baseURL ?? "-"),
        ]
    }

    /// `today` as a date in the calendar's zone (`2026-12-01`).
    static func day(_ today: Date, zone: String) -> String? {
        guard let zone = TimeZone(identifier: zone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: today)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return "\(year)-\(month)-\(day)"
    }

    /// The manifest of a build that just wrote its site; nil when one cannot be made (a path
    /// that cannot be written on one line, git state that files do not show).
    /// - Parameter started: when the build began; inputs changed after a moment before it get a
    ///   content hash too.
    /// - Parameter carried: the last manifest's inputs, when this build read only part of the
    ///   book (`QuickRebuild`): what it did not look at again is carried over as it was checked
    ///   (and hashed again if it changed too shortly before this build).
    /// - Parameter assets: the assets the site holds.
    static func made(options: Key, book: Book, calendarZone: String?, pageCount: Int, assets: [Asset],
                     diagnostics: [Diagnostic], started: Date, carried: ChangedInputs? = nil) -> BuildManifest? {
        guard let lines = optionLines(options), let gitFiles = GitHistory.stampedFiles(root: book.files.root.path) else { return nil }
        var inputs = book.files.inputs.all
        for file in gitFiles where inputs[file] == nil { inputs[file] = FileStamp(path: file) }
        if let carried {
            for (path, stamp) in carried.inputs where inputs[path] == nil { inputs[path] = stamp }
        }
        var hashes: [String: UInt64] = [:]
        var names: [String: UInt64] = [:]
        let racy = started.timeIntervalSince1970 - racyWindow
        for (path, stamp) in inputs where stamp.changed >= racy || stamp.isFolder {
            // A folder as the last build stamped it has the names it had.
            if stamp.changed < racy, let carried, carried.inputs[path] == stamp, let known = carried.folderNames[path] {
                names[path] = known
                continue
            }
            guard let hash = contentHash(path) else { return nil }
            if stamp.isFolder { names[path] = hash }
            if stamp.changed >= racy { hashes[path] = hash }
        }
        let target = OutputLocation.realPath(options.output)
        var outputs = ["": FileStamp(path: options.output.standardizedFileURL.path, followLinks: false),
                       ".": FileStamp(path: target, followLinks: false)]
        guard Self.stampTree(target, relative: "", into: &outputs) else { return nil }
        var manifest = BuildManifest(options: lines, calendarZone: calendarZone,
                                     calendarDay: calendarZone.flatMap { day(options.today, zone: $0) },
                                     pageCount: pageCount, inputs: inputs, outputs: outputs, diagnostics: diagnostics)
        manifest.contentHashes = hashes
        manifest.folderNames = names
        manifest.assets = Self.sources(of: assets)
        return manifest
    }

    /// Each asset's source by its path in the site; a path two assets share is left out (which
    /// of them it holds is not told by the path).
    static func sources(of assets: [Asset]) -> [String: String] {
        var sources: [String: String] = [:]
        var shared: Set<String> = []
        for asset in assets where sources.updateValue(asset.source, forKey: asset.sitePath) != nil { shared.insert(asset.sitePath) }
        for path in shared { sources[path] = nil }
        return sources
    }

    /// How long before a build a change makes an input's stamp untrustworthy: well above the
    /// step of file times (a clock tick, 1–10 ms).
    static let racyWindow: TimeInterval = 2

    /// A hash of the bytes of the file at `path`, or of the sorted names in the folder; nil when
    /// it cannot be read.
    static func contentHash(_ path: String) -> UInt64? {
        var hasher = StableHasher()
        let stamp = FileStamp(path: path)
        if stamp.isFolder {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
            for name in names.sorted() { hasher.combine(name) }
        } else if stamp == .absent {
            hasher.combine("absent")
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            hasher.combine(bytes: data)
        }
        return hasher.value
    }

    /// Adds the stamp of everything below `folder` to `stamps`, by path relative to the output.
    /// False when the tree cannot be read whole.
    private static func stampTree(_ folder: String, relative: String, into stamps: inout [String: FileStamp]) -> Bool {
        guard let handle = opendir(folder) else { return false }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let path = folder + "/" + name
            let stamp = FileStamp(path: path, followLinks: false)
            stamps[relative + name] = stamp
            if stamp.isFolder, !Self.stampTree(path, relative: relative + name + "/", into: &stamps) { return false }
        }
        return true
    }

    /// What the check before a build found.
    public enum Finding: Sendable {
        /// Nothing changed: what the last build reported.
        case upToDate(Replay)
        /// Something changed. `editedOutputs`: the files of the output (paths inside it) that
        /// are not as the last build left them, whose pages must not be reused. `inputsOnly`:
        /// set when nothing but some inputs changed (same options, day and output).
        case changed(editedOutputs: Set<String>, inputsOnly: ChangedInputs? = nil)
    }

    /// The inputs that changed since the last build, when nothing else did, with the last
    /// build's stamps of every input.
    public struct ChangedInputs: Sendable {
        public var paths: Set<String>
        var inputs: [String: FileStamp]
        var folderNames: [String: UInt64]
        /// The last build's assets: path in the site → source.
        var assets: [String: String] = [:]

        /// The paths in the site of `assets` that the output holds as they are now: the last
        /// build copied each from the same source, a file it looked at then and that has not
        /// changed since (the output itself is as it left it, or the inputs would not be all
        /// that changed).
        func unchanged(_ assets: [Asset]) -> Set<String> {
            Set(assets.lazy.filter { asset in
                self.assets[asset.sitePath] == asset.source && inputs[asset.source].map { $0 != .absent } == true
                    && !paths.contains(asset.source)
            }.map(\.sitePath))
        }
    }

    /// Whether anything changed since the last build that wrote the output with `options`.
    public static func check(_ options: Key, file: URL) -> Finding {
        guard let data = FileManager.default.contents(atPath: file.path),
              let manifest = data.withUnsafeBytes({ BuildManifest(bytes: $0.bindMemory(to: UInt8.self)) }) else { return .changed(editedOutputs: []) }
        let target = OutputLocation.realPath(options.output)
        let outputs = manifest.outputs.filter { $0.key != "" && $0.key != "." }.map { ($0.key, $0.value) }
        let editedOutputs = Parallel.mapNow(outputs.count) { FileStamp(path: target + "/" + outputs[$0].0, followLinks: false) != outputs[$0].1 }
        let edited = Set(zip(outputs, editedOutputs).lazy.filter(\.1).map(\.0.0))
        let changed = Finding.changed(editedOutputs: edited)
        guard edited.isEmpty, manifest.options == optionLines(options) else { return changed }
        if let zone = manifest.calendarZone, manifest.calendarDay != day(options.today, zone: zone) { return changed }
        guard FileStamp(path: options.output.standardizedFileURL.path, followLinks: false) == manifest.outputs[""],
              FileStamp(path: target, followLinks: false) == manifest.outputs["."] else { return changed }
        // Stamped by all jobs at once: a book has thousands of inputs.
        let inputs = Array(manifest.inputs)
        let changedInputs = Parallel.mapNow(inputs.count) { index -> Bool in
            let (path, stamp) = inputs[index]
            let now = FileStamp(path: path)
            guard now == stamp else {
                // A folder whose names are the same lists the same files: not a change.
                guard stamp.isFolder, now.isFolder, let names = manifest.folderNames[path] else { return true }
                return contentHash(path) != names
            }
            return manifest.contentHashes[path].map { contentHash(path) != $0 } ?? false
        }
        let paths = Set(zip(inputs, changedInputs).lazy.filter(\.1).map(\.0.key))
        guard paths.isEmpty else {
            return .changed(editedOutputs: [], inputsOnly: ChangedInputs(paths: paths, inputs: manifest.inputs,
                                                                          folderNames: manifest.folderNames, assets: manifest.assets))
        }
        return .upToDate(Replay(diagnostics: manifest.diagnostics, pageCount: manifest.pageCount))
    }

    /// What the last build reported, when nothing changed since it; nil otherwise.
    public static func upToDate(_ options: Key, file: URL) -> Replay? {
        if case .upToDate(let replay) = check(options, file: file) { return replay }
        return nil
    }

    /// Saves the manifest of a build that wrote its site as its bytes (`made(…)?.bytes`), or
    /// removes the last one when it could not be made; a manifest that cannot be made or saved
    /// only makes the next build a full one.
    static func save(_ bytes: [UInt8]?, beside output: URL) {
        if let bytes {
            CacheFileWriter.save(bytes, as: file(beside: output))
        } else {
            CacheFileWriter.remove(file(beside: output))
        }
    }

    /// One line per fact, fields separated by tabs, escaped with `\`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text`'s UTF-8 bytes, written straight into one buffer (a line for every file of the
    /// book and of the site).
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 * (inputs.count + outputs.count + folderNames.count + assets.count + diagnostics.count + options.count + 4))
        func field(_ text: String) {
            out.append(0x09)
            // Nearly every field has nothing to escape: its bytes go in as they are.
            var bytes = text
            let plain = bytes.withUTF8 { utf8 in
                guard !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return false }
                out.append(contentsOf: utf8)
                return true
            }
            if !plain { out.append(contentsOf: Self.escape(text).utf8) }
        }
        // Digits written straight into the buffer (a `String` for each of the ~20,000 numbers of
        // a big book's manifest took a millisecond): counted, then put in from the lowest.
        func number(_ value: some BinaryInteger, radix: Int = 10) {
            if value < 0 { out.append(0x2D) }
            let base = UInt64(radix)
            var count = 1
            var rest = UInt64(value.magnitude)
            while rest >= base {
                rest /= base
                count += 1
            }
            var position = out.count + count
            out.append(contentsOf: repeatElement(0x30, count: count))
            var magnitude = UInt64(value.magnitude)
            repeat {
                position -= 1
                let digit = UInt8(magnitude % base)
                out[position] = digit < 10 ? 0x30 + digit : 0x57 + digit
                magnitude /= base
            } while magnitude > 0
        }

        func stamp(_ stamp: FileStamp) {
            out.append(0x09)
            guard !stamp.fields.isEmpty else { out.append(0x2D); return }
            for (index, value) in stamp.fields.enumerated() {
                if index > 0 { out.append(0x2E) }
                number(value)
            }
        }
        out.append(contentsOf: Self.header.utf8)
        for option in options {
            out.append(contentsOf: "\noption".utf8)
            field(option)
        }
        if let calendarZone, let calendarDay {
            out.append(contentsOf: "\ncalendar".utf8)
            field(calendarZone)
            out.append(0x09)
            out.append(contentsOf: calendarDay.utf8)
        }
        out.append(contentsOf: "\npages\t".utf8)
        number(pageCount)
        for (path, value) in inputs.sorted(by: { $0.key < $1.key }) {
            out.append(contentsOf: "\ninput".utf8)
            field(path)
            stamp(value)
            if let hash = contentHashes[path] {
                out.append(0x09)
                number(hash, radix: 16)
            }
        }
        for (path, hash) in folderNames.sorted(by: { $0.key < $1.key }) {
            out.append(contentsOf: "\nnames".utf8)
            field(path)
            out.append(0x09)
            number(hash, radix: 16)
        }
        for (path, value) in outputs.sorted(by: { $0.key < $1.key }) {
            out.append(contentsOf: "\noutput".utf8)
            field(path)
            stamp(value)
        }
        for (path, source) in assets.sorted(by: { $0.key < $1.key }) {
            out.append(contentsOf: "\nasset".utf8)
            field(path)
            field(source)
        }
        for diagnostic in diagnostics {
            out.append(contentsOf: "\ndiagnostic\t".utf8)
            out.append(contentsOf: diagnostic.severity.rawValue.utf8)
            field(diagnostic.id)
            if let range = diagnostic.range {
                field(range.file)
                for value in [range.start.line, range.start.column, range.end.line, range.end.column] {
                    out.append(0x09)
                    number(value)
                }
            } else {
                out.append(contentsOf: "\t\t\t\t\t".utf8)
            }
            field(diagnostic.message)
        }
        out.append(0x0A)
        return out
    }

    /// The manifest `text` wrote; nil for anything else (another version, a damaged file).
    init?(text: String) {
        var text = text
        guard let manifest = text.withUTF8({ BuildManifest(bytes: $0) }) else { return nil }
        self = manifest
    }

    /// The manifest whose text's UTF-8 bytes are `bytes`; nil for anything else. Read field by
    /// field from the bytes, numbers by hand: this runs before every build, on a line for every
    /// file of the book and of the site.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        options = []
        pageCount = 0
        inputs = [:]
        outputs = [:]
        diagnostics = []
        var lineStart = 0
        var first = true
        var fields: [Range<Int>] = []
        fields.reserveCapacity(9)
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            if first {
                guard bytes[lineStart..<lineEnd].elementsEqual(Self.header.utf8) else { return nil }
                first = false
                continue
            }
            guard lineEnd > lineStart else { continue }  // (`text` writes no empty line)
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for index in lineStart..<lineEnd where bytes[index] == 0x09 {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            fields.append(fieldStart..<lineEnd)
            guard let read = ManifestFields(bytes: bytes, ranges: fields) else { return nil }
            switch (read.name, fields.count) {
            case ("input", 3), ("output", 3):
                guard let stamp = read.stamp(2) else { return nil }
                if read.name == "input" { inputs[read.text(1)] = stamp } else { outputs[read.text(1)] = stamp }
            case ("input", 4):
                guard let stamp = read.stamp(2), let hash = read.hex(3) else { return nil }
                let path = read.text(1)
                inputs[path] = stamp
                contentHashes[path] = hash
            case ("names", 3):
                guard let hash = read.hex(2) else { return nil }
                folderNames[read.text(1)] = hash
            case ("asset", 3): assets[read.text(1)] = read.text(2)
            case ("option", 2): options.append(read.text(1))
            case ("calendar", 3):
                calendarZone = read.text(1)
                calendarDay = read.text(2)
            case ("pages", 2):
                guard let count = read.integer(1) else { return nil }
                pageCount = Int(count)
            case ("diagnostic", 9):
                guard let severity = Diagnostic.Severity(rawValue: read.text(1)) else { return nil }
                var range: SourceRange?
                if !fields[3].isEmpty {
                    guard let line = read.integer(4), let column = read.integer(5), let endLine = read.integer(6),
                          let endColumn = read.integer(7) else { return nil }
                    range = SourceRange(file: read.text(3), start: SourcePosition(line: Int(line), column: Int(column)),
                                        end: SourcePosition(line: Int(endLine), column: Int(endColumn)))
                }
                diagnostics.append(Diagnostic(severity, read.text(2), read.text(8), at: range))
            default:
                return nil
            }
        }
        if first { return nil }
    }

    /// `\` `tab` `newline` and `return` as `\\` `\t` `\n` `\r`, so a field stays on its line.
    static func escape(_ text: String) -> String {
        guard text.containsByte(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var out = ""
        var escaped = false
        for character in text.unicodeScalars {
            if escaped {
                switch character {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
