@testable import DeeployPayload
import DeeployTestSupport
import Testing

@Suite("Byte pair scan")
struct BytePairScanTests {
    /// A pair test, as lanes and as bytes.
    struct Pair: Sendable, CustomStringConvertible {
        var description: String
        var lanes: @Sendable (BytePairScan.Lanes, BytePairScan.Lanes) -> BytePairScan.LaneMask
        var bytes: @Sendable (UInt8, UInt8) -> Bool
        /// The bytes the generated buffers are drawn from, so that pairs are common.
        var alphabet: [UInt8]
    }

    static let pairs = [
        Pair(description: "PK", lanes: PolyglotDetector.zipRecordStarts, bytes: { $0 == 0x50 && $1 == 0x4B }, alphabet: [0x50, 0x4B, 0x00, 0xFF]),
        Pair(
            description: "unstuffed FF", lanes: PolyglotDetector.unstuffedFFs, bytes: { $0 == 0xFF && $1 != 0x00 },
            alphabet: [0xFF, 0xFF, 0x00, 0xD0, 0xD9, 0x12]
        ),
    ]

    /// Every offset the scan reports from `start`, stopping after `limit` offsets.
    private static func scanned(_ bytes: [UInt8], _ pair: Pair, from start: Int, limit: Int = .max) -> [Int] {
        var offsets: [Int] = []
        bytes.withUnsafeBytes { buffer in
            BytePairScan.forEach(in: buffer, from: start, where: pair.lanes) { offset in
                offsets.append(offset)
                return offsets.count < limit
            }
        }
        return offsets
    }

    /// The same, a byte at a time.
    private static func expected(_ bytes: [UInt8], _ pair: Pair, from start: Int, limit: Int = .max) -> [Int] {
        guard max(start, 0) < bytes.count - 1 else { return [] }
        let offsets = (max(start, 0)..<(bytes.count - 1)).filter { pair.bytes(bytes[$0], bytes[$0 + 1]) }
        return Array(offsets.prefix(limit))
    }

    @Test("finds every pair a byte-at-a-time scan finds, in every block position and length", arguments: pairs)
    func agreesWithAByteAtATimeScan(pair: Pair) {
        var generator = SplitMix64(seed: 0xB17E_9A12)
        var pairsSeen = 0
        for length in 0...300 {
            for _ in 0..<4 {
                // Drawn from the pair's bytes, so that pairs fall at every offset, at block edges and in the tail.
                var bytes = (0..<length).map { _ in pair.alphabet.randomElement(using: &generator)! }
                if length > 0, Bool.random(using: &generator) { bytes[length - 1] = pair.alphabet[0] }
                let start = Int.random(in: -1...max(0, length), using: &generator)
                let want = Self.expected(bytes, pair, from: start)
                #expect(Self.scanned(bytes, pair, from: start) == want, "length \(length), start \(start)")
                pairsSeen += want.count
                let limit = Int.random(in: 1...3, using: &generator)
                #expect(Self.scanned(bytes, pair, from: start, limit: limit) == Self.expected(bytes, pair, from: start, limit: limit))
            }
        }
        #expect(pairsSeen > 4_000)
    }

    @Test("a pair that needs a byte past the end is not reported")
    func stopsAtTheEnd() {
        let pk = Self.pairs[0]
        #expect(Self.scanned([0x50], pk, from: 0).isEmpty)
        #expect(Self.scanned([], pk, from: 0).isEmpty)
        #expect(Self.scanned(Array(repeating: 0, count: 99) + [0x50], pk, from: 0).isEmpty)
        #expect(Self.scanned(Array(repeating: 0, count: 98) + [0x50, 0x4B], pk, from: 0) == [98])
        #expect(Self.scanned([0x50, 0x4B], pk, from: 1).isEmpty)
    }
}
