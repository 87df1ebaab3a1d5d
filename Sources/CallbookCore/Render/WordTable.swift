/// Words by their UTF-8 bytes, numbered in the order they were first added: the search index's
/// table of a page's words, and of the whole book's. A look-up hashes the bytes (FNV-1a, as the
/// caller reads them) and compares bytes, so a word already in the table costs no `String`
/// and no `Hasher`; a `String` is made only when the index is written out.
///
/// Bytes are compared as they are: words with non-ASCII letters must be NFC (as the index
/// makes them), so that canonically equal words are equal bytes.
struct WordTable: Sendable {
    /// Each word's hash, by number.
    private(set) var hashes: [UInt64] = []
    /// The words' bytes, one after the other; word `n` ends at `ends[n]`.
    private var storage: [UInt8] = []
    private var ends: [Int] = []
    /// Open addressing: a word's number, or -1; the count is a power of two, at most half full.
    /// Empty for a table read back (`append(contentsOf:)`) until a word is looked up in it: a
    /// stored page's table is only ever read.
    private var slots = [Int32](repeating: -1, count: 64)

    var count: Int { ends.count }

    /// The FNV-1a hash `add` and `find` expect.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One byte into a running hash.
    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// The bytes of word `number`.
    func bytes(of number: Int) -> ArraySlice<UInt8> {
        storage[(number == 0 ? 0 : ends[number - 1])..<ends[number]]
    }

    /// Word `number` as text.
    func word(_ number: Int) -> String {
        String(decoding: bytes(of: number), as: UTF8.self)
    }

    /// The number of the word `bytes` (whose hash is `hash`), added if it is new.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if slots.isEmpty { makeSlots() }
        let slot = self.slot(bytes, hash: hash)
        if slots[slot] >= 0 { return Int(slots[slot]) }
        let number = ends.count
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
        hashes.append(hash)
        slots[slot] = Int32(number)
        if ends.count * 2 > slots.count { grow() }
        return number
    }

    /// Appends `words`, which must be new to the table and to each other (as a table written
    /// out and read back holds them), without looking each up: the look-up slots are made
    /// when a word is first looked up, if ever.
    mutating func append(contentsOf words: [UnsafeBufferPointer<UInt8>]) {
        storage.reserveCapacity(storage.count + words.reduce(0) { $0 + $1.count })
        ends.reserveCapacity(ends.count + words.count)
        hashes.reserveCapacity(hashes.count + words.count)
        for word in words {
            storage.append(contentsOf: word)
            ends.append(storage.count)
            hashes.append(Self.hash(word))
        }
        slots = []
    }

    /// The look-up slots of every word, at most half full.
    private mutating func makeSlots() {
        var size = 64
        while count * 2 > size { size *= 2 }
        slots = [Int32](repeating: -1, count: size / 2)
        grow()
    }

    /// The words of `other` from number `first` on added to this table, in their order; their
    /// numbers here (the number here of `other`'s word `first + n` is element `n`). One call
    /// for a whole table: `other` is not copied (retained) once per word.
    mutating func add(wordsOf other: WordTable, from first: Int) -> [Int] {
        guard first < other.count else { return [] }
        return other.storage.withUnsafeBufferPointer { all in
            other.hashes.withUnsafeBufferPointer { hashes in
                other.ends.withUnsafeBufferPointer { ends in
                    var numbers: [Int] = []
                    numbers.reserveCapacity(ends.count - first)
                    for number in first..<ends.count {
                        let start = number == 0 ? 0 : ends[number - 1]
                        numbers.append(add(UnsafeBufferPointer(rebasing: all[start..<ends[number]]), hash: hashes[number]))
                    }
                    return numbers
                }
            }
        }
    }

    /// The numbers of every word, in the order of their bytes (which, for NFC words, is the
    /// order of their Unicode scalars, as Swift orders strings). Sorted by each word's first
    /// eight bytes as one number (a shorter word padded with zeros), the whole words compared
    /// only between those that share it.
    func numbersInByteOrder() -> [Int] {
        storage.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                func word(_ number: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: all[(number == 0 ? 0 : ends[number - 1])..<ends[number]])
                }
                var keys: [(prefix: UInt64, number: Int)] = (0..<ends.count).map { number in
                    var prefix: UInt64 = 0
                    for (index, byte) in word(number).prefix(8).enumerated() { prefix |= UInt64(byte) << (56 - 8 * index) }
                    return (prefix, number)
                }
                keys.sort { left, right in
                    if left.prefix != right.prefix { return left.prefix < right.prefix }
                    return word(left.number).lexicographicallyPrecedes(word(right.number))
                }
                return keys.map(\.number)
            }
        }
    }

    /// The slot that holds `bytes`, or the empty slot where it would go. (Read through buffer
    /// pointers: a page's every word comes here.)
    private func slot(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                ends.withUnsafeBufferPointer { ends in
                    storage.withUnsafeBufferPointer { all in
                        let mask = slots.count - 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let number = Int(slots[slot])
                            if number < 0 { return slot }
                            if hashes[number] == hash {
                                let start = number == 0 ? 0 : ends[number - 1]
                                if UnsafeBufferPointer(rebasing: all[start..<ends[number]]).hasSameBytes(as: bytes) { return slot }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for number in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[number]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
