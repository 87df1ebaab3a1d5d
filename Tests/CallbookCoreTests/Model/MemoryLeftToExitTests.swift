import Testing
@testable import CallbookCore

@Suite("Memory left to the exit")
struct MemoryLeftToExitTests {
    final class Tracked: Sendable {}

    @Test("an object handed over is never freed, alone or inside a value; one not handed over is")
    func keptObjectsAreNotFreed() {
        weak var kept: Tracked?
        weak var inside: Tracked?
        weak var dropped: Tracked?
        do {
            let object = Tracked()
            let array = [Tracked()]
            let other = Tracked()
            (kept, inside, dropped) = (object, array[0], other)
            MemoryLeftToExit.keep((object, [1: array]))
        }
        #expect(kept != nil)
        #expect(inside != nil)
        #expect(dropped == nil)
    }
}
