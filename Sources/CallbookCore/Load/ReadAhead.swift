import Foundation

/// The book's Markdown files read on another thread while the load reads the configuration,
/// which names the chapters: on a clean build that is time a second core would otherwise wait
/// through. The load takes the texts its table of contents names and reads the rest itself. A
/// text read ahead logs the file it looked at apart; taking it brings that into the build's log,
/// so that a file read ahead and not taken is no input of the build.
final class ReadAhead: @unchecked Sendable {
    private let paths: [String]
    private let positions: [String: Int]
    private let directory: URL
    private let files: BookFileReader
    /// Guards `next` and the slots.
    private let lock = NSLock()
    private var next = 0
    private var texts: [Result<String, BookFileProblem>?]
    private var logs: [InputLog?]
    private let running = DispatchGroup()

    /// Starts reading `paths` (book-relative), in order, on a thread of its own.
    init(_ paths: [String], in directory: URL, files: BookFileReader) {
        self.paths = paths
        positions = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.directory = directory
        self.files = files
        texts = Array(repeating: nil, count: paths.count)
        logs = Array(repeating: nil, count: paths.count)
        running.enter()
        DispatchQueue.global().async { [self] in
            readOn()
            running.leave()
        }
    }

    /// Reads the paths no thread has claimed yet, one at a time, until none is left or
    /// `finish` is called: the reading thread's loop (another thread may join it).
    func readOn() {
        while let position = claim() {
            let log = InputLog()
            let text = files.text(at: BookPaths.file(paths[position], in: directory), loggingInto: log)
            lock.withLock { (texts[position], logs[position]) = (text, log) }
        }
    }

    /// The next path to read, if reading on is still wanted.
    private func claim() -> Int? {
        lock.withLock {
            guard next < paths.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Stops reading (what is left is the load's to read) and waits for the text being read.
    func finish() {
        lock.withLock { next = paths.count }
        running.wait()
    }

    /// The text of `path` if it was read ahead (after `finish`), what reading it looked at now
    /// logged into the build's `inputs`; nil if it was not.
    func take(_ path: String, into inputs: InputLog) -> Result<String, BookFileProblem>? {
        guard let position = positions[path] else { return nil }
        let (text, log) = lock.withLock { () -> (Result<String, BookFileProblem>?, InputLog?) in
            defer { (texts[position], logs[position]) = (nil, nil) }
            return (texts[position], logs[position])
        }
        guard let text, let log else { return nil }
        inputs.log(contentsOf: log)
        return text
    }
}
