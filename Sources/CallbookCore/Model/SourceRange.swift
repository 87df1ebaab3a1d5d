/// A 1-based line and column (columns count UTF-8 bytes, as libcmark does).
/// Stored in 32 bits each (clamped), so that every node of a tree carries its range in half
/// the space: a chapter has far fewer than 2³¹ lines or columns.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a node or a diagnostic comes from: a file and a span inside it. The file is held as
/// a `SourceFile` number, so that copying a node's range (every node has one) copies no string.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var source: SourceFile
    public var start: SourcePosition
    public var end: SourcePosition

    /// The file's path, as diagnostics show it.
    public var file: String {
        get { source.path }
        set { source = SourceFile(newValue) }
    }

    public init(source: SourceFile, start: SourcePosition, end: SourcePosition? = nil) {
        self.source = source
        self.start = start
        self.end = end ?? start
    }

    public init(file: String, start: SourcePosition, end: SourcePosition? = nil) {
        self.init(source: SourceFile(file), start: start, end: end)
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, start: SourcePosition(line: line, column: column))
    }

    /// `file:line:col`, the form editors and CI logs understand.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
