/// A 1-based line and column (columns count UTF-8 bytes, as libcmark does).
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a node or a diagnostic comes from: a file and a span inside it.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition? = nil) {
        self.file = file
        self.start = start
        self.end = end ?? start
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, start: SourcePosition(line: line, column: column))
    }

    /// `file:line:col`, the form editors and CI logs understand.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
