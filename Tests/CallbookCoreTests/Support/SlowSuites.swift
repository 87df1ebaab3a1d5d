import Foundation
import Testing

extension Tag {
    /// Suites that run the callbook binary, start servers or build whole corpora: most of the
    /// suite's time on a 2-core machine. `CALLBOOK_FAST=1 swift test` (`scripts/test --fast`)
    /// leaves them out; CI runs everything.
    @Tag static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Skips a slow suite when `CALLBOOK_FAST=1`.
    static var skippedWhenFast: Self {
        .disabled(if: ProcessInfo.processInfo.environment["CALLBOOK_FAST"] == "1",
                  "a slow suite: CALLBOOK_FAST=1 leaves it out")
    }
}
