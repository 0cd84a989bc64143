@testable import DeeployPayload
import DeeployTestSupport
import Testing

@Suite struct BytePatternTests {
    /// Each signature constant is written as a hand-made little-endian literal; this checks
    /// every one against the bytes it stands for.
    @Test(arguments: [
        (Signatures.pngSignature, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (Signatures.ihdrChunkStart, [0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)),
        (Signatures.gif87, Array("GIF87a".utf8)),
        (Signatures.gif89, Array("GIF89a".utf8)),
        (Signatures.riff, Array("RIFF".utf8)),
        (Signatures.webp, Array("WEBP".utf8)),
        (Signatures.tiffLittle, [0x49, 0x49, 0x2A, 0x00]),
        (Signatures.tiffBig, [0x4D, 0x4D, 0x00, 0x2A]),
        (Signatures.pdf, Array("%PDF-".utf8)),
        (Signatures.svgOpen, Array("<svg".utf8)),
    ] as [(BytePattern, [UInt8])])
    func constantsAreTheirBytes(pattern: BytePattern, bytes: [UInt8]) {
        #expect(BytePattern(bytes: bytes) == pattern)
    }

    /// Matching agrees with comparing bytes, at every offset, near both ends of buffers of
    /// every length up to 20, including where fewer than eight bytes remain.
    @Test func matchingAgreesWithByteComparison() throws {
        var generator = SplitMix64(seed: 0xB17E_9A77)
        for length in 0...20 {
            for _ in 0..<200 {
                // Few distinct byte values, so that matches are common.
                let buffer = (0..<length).map { _ in UInt8(generator.next() % 3) }
                let patternBytes = (0..<Int(1 + generator.next() % 8)).map { _ in UInt8(generator.next() % 3) }
                let pattern = try #require(BytePattern(bytes: patternBytes))
                buffer.withUnsafeBytes { raw in
                    let view = ByteView(raw)
                    for offset in -1...length + 1 {
                        let expected = offset >= 0 && offset + patternBytes.count <= length
                            && Array(buffer[offset..<offset + patternBytes.count]) == patternBytes
                        #expect(view.matches(pattern, at: offset) == expected, "\(buffer) \(patternBytes) at \(offset)")
                    }
                }
            }
        }
    }

    @Test func holdsOneToEightBytes() {
        #expect(BytePattern(bytes: []) == nil)
        #expect(BytePattern(bytes: Array(repeating: 1, count: 9)) == nil)
        #expect(BytePattern(bytes: Array(repeating: 0xFF, count: 8))?.mask == ~0)
    }
}

extension BytePattern {
    /// The pattern of `bytes`; nil unless there are 1 to 8. Only tests build patterns from
    /// arrays: the library's are literals.
    init?(bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        self.init(bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }, count: bytes.count)
    }
}
