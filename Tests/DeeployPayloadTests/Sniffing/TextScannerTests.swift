@testable import DeeployPayload
import Testing

@Suite struct TextScannerTests {
    func scan(_ bytes: [UInt8]) -> TextEvidence { bytes.withUnsafeBytes { TextScanner.scan($0) } }

    @Test func asciiIsASCIIAndUTF8() {
        let evidence = scan(Payloads.utf8("hello, world\n\tok\r\n"))
        #expect(evidence.isASCII)
        #expect(evidence.isUTF8Text)
        #expect(evidence.provenCharset == "us-ascii")
        #expect(evidence.firstBinaryByte == nil)
    }

    @Test func utf8IsValidButNotASCII() {
        let evidence = scan(Payloads.utf8("naïve café ✓ 😀 and more text to pass the word-sized fast path"))
        #expect(!evidence.isASCII)
        #expect(evidence.firstInvalidUTF8 == nil)
        #expect(evidence.provenCharset == "utf-8")
    }

    @Test func findsTheFirstBinaryByte() {
        let evidence = scan(Payloads.utf8("abcdefghijklmnop") + [0x00] + Payloads.utf8("rest"))
        #expect(evidence.firstBinaryByte == 16)
        #expect(!evidence.isText)
        #expect(evidence.provenCharset == nil)
    }

    /// WHATWG's list, written out, against the mask for every byte; and a binary format's first
    /// binary byte (the scan that skips UTF-8 checks after a first byte such as PNG's `89`) is
    /// found at every position.
    @Test func binaryDataBytesAreExactlyWHATWGs() {
        let listed = Set<UInt8>([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B])
            .union(0x0E...0x1A).union(0x1C...0x1F)
        for byte in UInt8.min...UInt8.max {
            #expect(TextScanner.isBinaryDataByte(byte) == listed.contains(byte), "byte \(byte)")
        }
        for position in 1..<40 {
            for byte in listed {
                var bytes = [UInt8](repeating: 0x41, count: 40)
                bytes[0] = 0x89
                bytes[position] = byte
                #expect(scan(bytes).firstBinaryByte == position, "byte \(byte) at \(position)")
            }
        }
        #expect(scan([0x89] + [UInt8](repeating: 0x0A, count: 39)).firstBinaryByte == nil)
    }

    @Test func formFeedEscapeAndNewlinesAreNotBinary() {
        #expect(scan([0x41, 0x0C, 0x1B, 0x0A, 0x0D, 0x09, 0x42]).firstBinaryByte == nil)
        for byte: UInt8 in [0x00, 0x08, 0x0B, 0x0E, 0x1A, 0x1C, 0x1F] {
            #expect(scan([0x41, byte]).firstBinaryByte == 1, "byte \(byte)")
        }
    }

    @Test(arguments: [
        ([0xC0, 0xAF] as [UInt8], 0),             // overlong '/'
        ([0x41, 0xE0, 0x80, 0xAF], 1),           // overlong three-byte
        ([0x41, 0x42, 0xED, 0xA0, 0x80], 2),     // encoded surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),           // above U+10FFFF
        ([0x41, 0x80], 1),                       // lone continuation
        ([0x41, 0xE2, 0x82], 1),                 // truncated at the end
        ([0xFF], 0),
    ])
    func findsTheFirstInvalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(scan(bytes).firstInvalidUTF8 == offset)
    }

    @Test func byteOrderMarks() {
        let utf8 = scan([0xEF, 0xBB, 0xBF] + Payloads.utf8("{}"))
        #expect(utf8.byteOrderMark == .utf8)
        #expect(utf8.provenCharset == "utf-8")
        let little = scan(Payloads.utf16LittleEndianWithBOM("hi ✓"))
        #expect(little.byteOrderMark == .utf16LittleEndian)
        #expect(little.isValidUTF16 == true)
        #expect(little.provenCharset == "utf-16le")
        let big = scan(Payloads.utf16BigEndianWithBOM("hi 😀"))
        #expect(big.provenCharset == "utf-16be")
        #expect(scan([0xFF, 0xFE, 0x41]).isValidUTF16 == false)             // odd length
        #expect(scan([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).isValidUTF16 == false)  // unpaired high surrogate
    }

    /// Splitting the input anywhere gives the same evidence as one pass.
    @Test func chunkBoundariesDoNotMatter() {
        let samples: [[UInt8]] = [
            Payloads.utf8("plain ascii text, long enough for the word loop\n"),
            Payloads.utf8("ünïcödé ✓ 😀 mixed with ascii ") + [0xE2, 0x82] + Payloads.utf8("tail"),
            [0xEF, 0xBB, 0xBF] + Payloads.utf8("bom then text \u{1} binary"),
            Payloads.utf16LittleEndianWithBOM("utf-16 😀 text"),
            [0xFE], [0xFE, 0xFF], [0xEF, 0xBB],
            Payloads.png(),
        ]
        for sample in samples {
            let whole = scan(sample)
            for split in 0...sample.count {
                var scanner = TextScanner()
                sample.withUnsafeBytes { buffer in
                    scanner.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<split]))
                    scanner.consume(UnsafeRawBufferPointer(rebasing: buffer[split...]))
                }
                #expect(scanner.finish() == whole, "split at \(split) of \(sample.prefix(12))")
            }
        }
    }
}
