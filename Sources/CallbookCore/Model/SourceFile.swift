import Synchronization

/// A source file's path as a number, the same for the same path (byte for byte) for the whole
/// process: what every node's `SourceRange` holds instead of the path itself. Paths are
/// registered once, never removed (a process sees a bounded set of book files).
public struct SourceFile: Hashable, Sendable {
    private let number: UInt32

    /// The number of `path`, registered if it is new.
    public init(_ path: String) {
        number = Self.registry.withLock { table in
            let key = ExactPath(text: path)
            if let known = table.numbers[key] { return known }
            let number = UInt32(table.paths.count)
            table.paths.append(path)
            table.numbers[key] = number
            return number
        }
    }

    /// The path, as registered.
    public var path: String {
        Self.registry.withLock { $0.paths[Int(number)] }
    }

    private struct Table {
        var paths: [String] = []
        var numbers: [ExactPath: UInt32] = [:]
    }

    private static let registry = Mutex(Table())

    /// A path compared by its bytes: two spellings of one name in Unicode are two files.
    private struct ExactPath: Hashable {
        let text: String

        static func == (a: ExactPath, b: ExactPath) -> Bool { a.text.hasSameUTF8(as: b.text) }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
