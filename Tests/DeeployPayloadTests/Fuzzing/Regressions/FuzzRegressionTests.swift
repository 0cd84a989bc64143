import DeeployPayload
import HTTPTypes
import StrictJSON
import Testing

/// Inputs the fuzzers found, minimised, kept so that each bug stays fixed.
@Suite struct FuzzRegressionTests {
    /// libFuzzer (response-decode, after 51,265 executions): a UTF-32LE byte-order mark and a code
    /// unit above U+10FFFF (0xFD410041). libmagic 5.44 returns no MIME type and no error message;
    /// the sniffer used to throw. It now answers `application/octet-stream`.
    static let utf32OutOfRange: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x41, 0xFD]
    /// The same in big-endian order.
    static let utf32OutOfRangeBigEndian: [UInt8] = [0x00, 0x00, 0xFE, 0xFF, 0xFD, 0x41, 0x00, 0x41]
    /// The input as libFuzzer found it, before minimising.
    static let utf32AsFound: [UInt8] = [
        0xFF, 0xFE, 0x00, 0x00, 0x00, 0x01, 0x00, 0x31, 0x00, 0x36, 0x00, 0xFD, 0x4C, 0x5C, 0x67, 0x6C, 0x6F, 0x73, 0x73, 0x61,
        0x72, 0x79, 0x62, 0x69, 0x6E, 0x68, 0x65, 0x78, 0x65, 0x6E, 0x74, 0x72, 0x21, 0x45, 0x79, 0x00, 0x00, 0x0A, 0x00,
    ]

    /// Sniffing answers, never throws, for any payload held in memory.
    @Test(arguments: [utf32OutOfRange, utf32OutOfRangeBigEndian, utf32AsFound])
    func utf32WithAnOutOfRangeCodeUnitIsSniffed(payload: [UInt8]) throws {
        let sniff = try sharedSniffer.sniff(.bytes(payload))
        #expect(sniff.size == payload.count)
        #expect(sniff.mediaType == .applicationOctetStream || sniff.mediaType.type == "text")
        #expect(try builtInSniffer.sniff(.bytes(payload)).size == payload.count)
    }

    @Test func utf32WithAnOutOfRangeCodeUnitDecodesAsABinaryResponse() throws {
        let decoded = try ResponseDecoder(sniffer: sharedSniffer).decode(status: 200, fields: HTTPFields(), body: Self.utf32OutOfRange)
        #expect(decoded.binary?.bytes == Self.utf32OutOfRange)
    }

    /// The mutation fuzzer with libmagic's text rules (seeds 0xdee91055eed, iteration 1292, and
    /// 0x5eed0c0ffee, iteration 32192), minimised: text in which libmagic finds a PDF header
    /// (`%PDF-` up to byte 256) or an SVG doctype (anywhere in the first 4096 bytes), so the verdict
    /// on it warns `scriptable`. The verdict on declared text, which names text by the built-in
    /// rules, missed both until the rules learned libmagic's searches.
    static let textLibmagicCallsScriptable: [[UInt8]] = [
        Array("-0%PDF-1".utf8),
        Array("<?nullxml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\">\n<svg/>\n".utf8),
    ]

    @Test(arguments: textLibmagicCallsScriptable)
    func theVerdictOnDeclaredTextWarnsWhereLibmagicFindsAScriptableType(payload: [UInt8]) throws {
        let thorough = AcceptancePolicy.deeploy.verdict(for: try sharedSniffer.sniff(.bytes(payload)), declared: "text/plain")
        #expect(thorough.warningCodes.contains(.scriptable))
        let oneCall = try sharedSniffer.verdict(.bytes(payload), declared: "text/plain")
        #expect(oneCall.warningCodes.contains(.scriptable))
        #expect(VerdictOutcome(oneCall) == VerdictOutcome(thorough))
    }

    /// Found while writing the JSON round-trip invariant: `{"é": 1, "é": 2}` with U+00E9 in one key
    /// and `e` U+0301 in the other. The keys differ in every code unit; Swift's `String ==` (canonical
    /// equivalence) merged them. RFC 8259 §8.3 compares names code unit by code unit, as StrictJSON now does.
    static let canonicallyEquivalentKeys = "{\"\u{E9}\": 1, \"e\u{301}\": 2}"

    @Test func keysThatDifferOnlyInUnicodeNormalisationAreDistinct() throws {
        #expect(try JSONParser.parse(Self.canonicallyEquivalentKeys).objectValue?.count == 2)
        #expect(throws: Never.self, "no key repeats, so .strict must accept the object") {
            try JSONParser.parse(Self.canonicallyEquivalentKeys, options: .strict)
        }
    }
}
