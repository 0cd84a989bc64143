@testable import DeeployPayload
import DeeployTestSupport
import Testing

extension TextScannerTests {
    /// The evidence, found one byte at a time with the standard library's UTF-8 decoder.
    static func reference(_ bytes: [UInt8]) -> (firstBinaryByte: Int?, firstInvalidUTF8: Int?, isASCII: Bool) {
        let firstBinary = bytes.firstIndex { TextScanner.isBinaryDataByte($0) }
        var firstInvalid: Int?
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error:
                firstInvalid = offset
                break decoding
            }
        }
        return (firstBinary, firstInvalid, bytes.allSatisfy { $0 < 0x80 })
    }

    @Test func agreesWithAByteByByteReferenceOnGeneratedText() {
        var random = SplitMix64(seed: 0x7E_57)
        let pieces: [[UInt8]] = [
            Array("plain words ".utf8), Array("\n".utf8), Array("\r\n\t".utf8), Array("naïve ".utf8), Array("€ ✓ ".utf8),
            Array("😀".utf8), [0x0C], [0x1B], [0x00], [0x01], [0x1F], [0x7F], [0xC3], [0xE2, 0x82], [0xF0, 0x9F], [0x80], [0xFF],
        ]
        for round in 0..<4_000 {
            var bytes: [UInt8] = []
            let count = Int.random(in: 0...40, using: &random)
            for _ in 0..<count {
                // Mostly clean text, so that the first binary or invalid byte lands anywhere.
                let piece = Int.random(in: 0..<100, using: &random) < 92
                    ? pieces[Int.random(in: 0..<5, using: &random)]
                    : pieces[Int.random(in: 0..<pieces.count, using: &random)]
                bytes += piece
            }
            guard bytes.prefix(3) != [0xEF, 0xBB, 0xBF], bytes.prefix(2) != [0xFF, 0xFE], bytes.prefix(2) != [0xFE, 0xFF] else { continue }
            let evidence = scan(bytes)
            let expected = Self.reference(bytes)
            #expect(evidence.firstBinaryByte == expected.firstBinaryByte, "round \(round): \(bytes)")
            #expect(evidence.firstInvalidUTF8 == expected.firstInvalidUTF8, "round \(round): \(bytes)")
            #expect(evidence.isASCII == expected.isASCII, "round \(round): \(bytes)")
        }
    }

    /// A buffer whose first byte can begin neither UTF-8 nor a UTF-16 mark takes a shortcut.
    /// It must give what the general scanner gives (fed one byte at a time, which never takes
    /// it) and, without a mark, what the reference gives; starts that look like a mark too.
    @Test func binaryFormatShortcutAgreesWithTheGeneralScanner() {
        var random = SplitMix64(seed: 0xB1_0A_27)
        let starts: [[UInt8]] = [[0x89], [0xFF, 0xD8], [0xFF, 0xFE], [0xFE, 0xFF], [0xFE], [0xFF], [0x80], [0xC1], [0xC2], [0xF4], [0xF5], [0xEF, 0xBB, 0xBF]]
        for round in 0..<3_000 {
            var bytes = starts[Int.random(in: 0..<starts.count, using: &random)]
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                bytes.append(Int.random(in: 0..<4, using: &random) == 0 ? UInt8.random(in: 0...0x1F, using: &random) : UInt8.random(in: 0...255, using: &random))
            }
            var general = TextScanner()
            for byte in bytes { withUnsafeBytes(of: byte) { general.consume($0) } }
            let whole = scan(bytes)
            #expect(whole == general.finish(), "round \(round): \(bytes)")
            if whole.byteOrderMark == nil {
                let expected = Self.reference(bytes)
                #expect(whole.firstBinaryByte == expected.firstBinaryByte, "round \(round): \(bytes)")
                #expect(whole.firstInvalidUTF8 == expected.firstInvalidUTF8, "round \(round): \(bytes)")
                #expect(whole.isASCII == expected.isASCII, "round \(round): \(bytes)")
            }
        }
    }
}
