/// The one seeded generator of the tests, the fuzz targets and the benchmarks: SplitMix64
/// (Steele, Lea and Flood), so that a seed always gives the same values and failures reproduce.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose values follow from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded from an FNV-1a hash of `bytes`, so that one input always makes the
    /// same choices (and libFuzzer's crashes reproduce) while every mutation moves them.
    public init(hashing bytes: UnsafeRawBufferPointer) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        self.init(seed: hash)
    }

    /// The next 64 pseudo-random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// An element of a non-empty array.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[below(elements.count)]
    }

    /// True once in `odds` times.
    public mutating func oneIn(_ odds: Int) -> Bool {
        below(odds) == 0
    }

    /// `count` bytes, the low byte of a value each.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// `count` bytes cut into chunks of 1 to `maxChunk` bytes (empty chunks included now and
    /// then, since a stream may deliver them).
    public mutating func chunkRanges(count: Int, maxChunk: Int = 64) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let length = below(8) == 0 ? 0 : 1 + below(maxChunk)
            let end = min(count, start + length)
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}
