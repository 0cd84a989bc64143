/// Finds pairs of adjacent bytes, sixty-four positions at a time in vectors of sixteen.
///
/// The polyglot checks read every byte of an image or PDF, looking for pairs that are rare in
/// compressed data: `PK` (where a ZIP record may start) and, in a JPEG, an `FF` without the
/// zero that stuffs it (where a marker may start). Searching for one byte of the pair, even
/// with `memchr`, stops at one byte in 256 of random data, about 8,000 times in a 2 MB image;
/// comparing whole pairs stops only where one matches, about once in 65,536 bytes.
///
/// The lane test must use the standard library's concrete vector operations (`.==`, `.!=`,
/// `.<`, `.>=`, … between two `SIMD16<UInt8>`, and `.&`, `.|`, `.!` between masks). The
/// generic ones (a vector against a scalar, `any`, lane subscripts) compile to a loop over the
/// lanes and are slower than a byte at a time.
enum BytePairScan {
    typealias Lanes = SIMD16<UInt8>
    typealias LaneMask = SIMDMask<SIMD16<Int8>>

    /// Calls `body` with each offset `i` at or after `start` where `bytes[i]` and `bytes[i + 1]`
    /// are a pair `matches` accepts, in order, until `body` returns false.
    ///
    /// `matches` is given sixteen first bytes and their sixteen second bytes, and says which
    /// lanes hold a pair.
    @inline(__always)
    static func forEach(
        in bytes: UnsafeRawBufferPointer, from start: Int,
        where matches: (_ first: Lanes, _ second: Lanes) -> LaneMask,
        _ body: (Int) -> Bool
    ) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = max(start, 0)
        @inline(__always) func lanes(at offset: Int) -> LaneMask {
            matches(
                base.loadUnaligned(fromByteOffset: offset, as: Lanes.self),
                base.loadUnaligned(fromByteOffset: offset &+ 1, as: Lanes.self)
            )
        }
        // Sixty-four pairs at a time (they span sixty-five bytes), tested together: a match is
        // rare, and one test per block keeps the loop as short as `memchr`'s.
        while count &- index >= 65 {
            let block = (lanes(at: index), lanes(at: index &+ 16), lanes(at: index &+ 32), lanes(at: index &+ 48))
            if isSet(block.0 .| block.1 .| block.2 .| block.3) {
                guard forEachLane(of: block.0, below: 16, offset: index, body),
                      forEachLane(of: block.1, below: 16, offset: index &+ 16, body),
                      forEachLane(of: block.2, below: 16, offset: index &+ 32, body),
                      forEachLane(of: block.3, below: 16, offset: index &+ 48, body)
                else { return }
            }
            index &+= 64
        }
        while count &- index >= 17 {
            if !forEachLane(of: lanes(at: index), below: 16, offset: index, body) { return }
            index &+= 16
        }
        let rest = count &- index
        guard rest >= 2 else { return }
        if count >= 17 {
            // The last pairs: the block that ends at the last byte, overlapping pairs already
            // tested, which are skipped.
            let last = count &- 17
            _ = forEachLane(of: lanes(at: last), from: index &- last, offset: last, body)
            return
        }
        // A payload too short for one block: its bytes, padded with zeros. A pair with a
        // padding byte in it is never reported.
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 16) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            block.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[index...]))
            let lanes = matches(
                UnsafeRawPointer(block.baseAddress!).loadUnaligned(fromByteOffset: 0, as: Lanes.self),
                UnsafeRawPointer(block.baseAddress!).loadUnaligned(fromByteOffset: 1, as: Lanes.self)
            )
            _ = forEachLane(of: lanes, below: rest - 1, offset: index, body)
        }
    }

    /// Calls `body` with `offset + lane` for each set lane below `limit`, in order; false when
    /// `body` asked to stop.
    @inline(__always)
    private static func forEachLane(of lanes: LaneMask, below limit: Int, offset: Int, _ body: (Int) -> Bool) -> Bool {
        guard isSet(lanes) else { return true }
        let (low, high) = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        return forEachLane(of: UInt64(littleEndian: low), first: 0, below: limit, offset: offset, body)
            && forEachLane(of: UInt64(littleEndian: high), first: 8, below: limit, offset: offset, body)
    }

    /// Calls `body` with `offset + lane` for each set lane at or above `first` (0 or more), in
    /// order; false when `body` asked to stop.
    @inline(__always)
    private static func forEachLane(of lanes: LaneMask, from first: Int, offset: Int, _ body: (Int) -> Bool) -> Bool {
        guard isSet(lanes) else { return true }
        var (low, high) = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        (low, high) = (UInt64(littleEndian: low), UInt64(littleEndian: high))
        // Lanes below `first` (0 to 16) are cleared: eight bits a lane, low lanes in `low`.
        if first >= 8 {
            low = 0
            high = first >= 16 ? 0 : high & (~0 << UInt64(8 * (first - 8)))
        } else {
            low &= ~0 << UInt64(8 * first)
        }
        return forEachLane(of: low, first: 0, below: 16, offset: offset, body)
            && forEachLane(of: high, first: 8, below: 16, offset: offset, body)
    }

    /// Whether any lane is set. A set lane is an all-ones byte, so the mask's two halves, as
    /// words, show every lane (the standard library's `any` is generic, and a loop).
    @inline(__always)
    static func isSet(_ lanes: LaneMask) -> Bool {
        let (low, high) = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        return low | high != 0
    }

    /// The same for eight lanes, lane `first` in the word's low byte.
    @inline(__always)
    private static func forEachLane(of word: UInt64, first: Int, below limit: Int, offset: Int, _ body: (Int) -> Bool) -> Bool {
        var word = word
        while word != 0 {
            let byte = word.trailingZeroBitCount / 8
            guard first + byte < limit else { return true }
            if !body(offset + first + byte) { return false }
            word &= ~(0xFF << UInt64(8 * byte))
        }
        return true
    }
}
