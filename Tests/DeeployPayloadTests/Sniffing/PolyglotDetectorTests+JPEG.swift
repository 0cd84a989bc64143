@testable import DeeployPayload
import DeeployTestSupport
import Testing

extension PolyglotDetectorTests {
    /// The end of a JPEG, found the slow way: segment by segment, and through entropy-coded
    /// data one byte at a time. The detector jumps between `0xFF` bytes instead and must
    /// agree on every input.
    static func referenceJPEGEnd(_ bytes: [UInt8]) -> Int? {
        let count = bytes.count
        var offset = 2
        while offset + 1 < count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            switch marker {
            case 0xD9: return offset + 2
            case 0xFF: offset += 1
            case 0x01, 0xD0...0xD7: offset += 2
            default:
                guard offset + 3 < count else { return nil }
                let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                guard length >= 2 else { return nil }
                offset += 2 + length
                if marker == 0xDA {
                    while offset + 1 < count {
                        if bytes[offset] == 0xFF {
                            let next = bytes[offset + 1]
                            if next != 0x00 && !(0xD0...0xD7).contains(next) && next != 0xFF { break }
                        }
                        offset += 1
                    }
                }
            }
        }
        return nil
    }

    @Test func jpegEndAgreesWithAByteByByteWalk() {
        var random = SplitMix64(seed: 0x1FE_D9)
        let tails: [[UInt8]] = [[], [0xFF, 0xD9], [0xFF, 0xD9, 0x3C, 0x68], [0xFF], [0xFF, 0xFF, 0xD9], [0xFF, 0xD0, 0xFF, 0xD9]]
        var ended = 0
        for round in 0..<3_000 {
            // Entropy-coded data rich in 0xFF, stuffed zeros, restart markers and fill bytes.
            let length = Int.random(in: 0...300, using: &random)
            let entropy = (0..<length).flatMap { _ -> [UInt8] in
                switch Int.random(in: 0..<200, using: &random) {
                case 0..<10: [0xFF, 0x00]  // a stuffed zero
                case 10..<15: [0xFF, UInt8.random(in: 0xD0...0xD7, using: &random)]  // a restart marker
                case 15..<18: [0xFF, 0xFF, 0x00]  // a fill byte
                case 18: [0xFF]  // anything may follow, even a marker that ends the data
                case 19..<30: [0x00]
                default: [UInt8.random(in: 0...0xFE, using: &random)]
                }
            }
            let sos: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
            let bytes: [UInt8] = Array(Payloads.jpeg.prefix(20)) + sos + entropy + tails[round % tails.count]
            let expected = Self.referenceJPEGEnd(bytes)
            let found = bytes.withUnsafeBytes { PolyglotDetector.endOfFormat(.jpeg, in: $0) }
            #expect(found == expected, "round \(round)")
            if expected != nil { ended += 1 }
        }
        #expect(ended > 500, "too few generated JPEGs reach their end marker: \(ended)")
    }

    /// The first ZIP record from offset 1, found one byte at a time.
    static func referenceFirstZipRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (1..<(bytes.count - 3)).first { index in
            bytes[index] == 0x50 && bytes[index + 1] == 0x4B
                && ((bytes[index + 2] == 1 && bytes[index + 3] == 2) || (bytes[index + 2] == 5 && bytes[index + 3] == 6))
        }
    }

    @Test("a JPEG's first ZIP record is found wherever it is: in a segment, in compressed data, after the end")
    func jpegZipSearchFindsTheFirstRecord() {
        var random = SplitMix64(seed: 0x21B_D9)
        let records: [[UInt8]] = [[0x50, 0x4B, 1, 2], [0x50, 0x4B, 5, 6], [0x50, 0x4B, 3, 4], [0x50, 0x4B], [0x50]]
        var withRecord = 0
        for round in 0..<3_000 {
            let length = Int.random(in: 0...400, using: &random)
            let entropy = (0..<length).flatMap { _ -> [UInt8] in
                switch Int.random(in: 0..<200, using: &random) {
                case 0..<10: [0xFF, 0x00]
                case 10..<13: [0xFF, UInt8.random(in: 0xD0...0xD7, using: &random)]
                case 13..<15: [0xFF, 0xFF, 0x00]
                case 15: [0xFF]  // may end the data
                case 16..<19: records.randomElement(using: &random)!
                default: [UInt8.random(in: 0...0xFE, using: &random)]
                }
            }
            // A record may also sit in a segment before the compressed data, or after the end.
            var segment: [UInt8] = []
            if Bool.random(using: &random) {
                let record = records.randomElement(using: &random)!
                segment = [0xFF, 0xE1, 0x00, 0x08] + record + [UInt8](repeating: 0x20, count: 6 - record.count)  // APP1, 6 bytes
            }
            let sos: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
            let tail: [UInt8] = [[], [0xFF, 0xD9], [0xFF, 0xD9] + records[round % 2], [0xFF, 0xD9, 0x50]][round % 4]
            let bytes = Array(Payloads.jpeg.prefix(20)) + segment + sos + entropy + tail
            let expected = Self.referenceFirstZipRecord(bytes)
            let found = bytes.withUnsafeBytes { PolyglotDetector.findings(in: $0, format: .jpeg) }.first { $0.kind == .zipArchive }?.offset
            #expect(found == expected, "round \(round)")
            if expected != nil { withRecord += 1 }
        }
        #expect(withRecord > 1_000, "too few generated JPEGs hold a ZIP record: \(withRecord)")
    }
}
