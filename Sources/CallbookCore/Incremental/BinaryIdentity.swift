import Foundation

/// This callbook binary as the caches record it: its version, path and file stamp. What another
/// binary left (an upgrade, a rebuild of callbook itself) is not reused: the pages and search
/// sections it made may differ from what this one makes of the same input.
enum BinaryIdentity {
    static let current: String = {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return CallbookVersion.current + " " + executable + " " + FileStamp(path: executable).text
    }()
}
