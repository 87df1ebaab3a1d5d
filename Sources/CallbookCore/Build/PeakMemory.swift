import Foundation

/// The process's peak resident memory so far, as `getrusage` reports it: what `--timings`
/// prints after each stage, so the stage that raised it shows.
enum PeakMemory {
    static func bytes() -> Int {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
    }
}
