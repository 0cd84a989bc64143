import DeeployPayload
import HTTPTypes
import StrictJSON
import Testing

/// Inputs the fuzzers found, minimised, kept so that each bug stays fixed. A bug not yet fixed
/// in the library is a known issue here: the test passes while the bug is there and fails once
/// it is gone, as a reminder to drop the known-issue wrapper and the fuzzers' allowance
/// (``KnownIssues``, `Fuzz/Sources/FuzzSupport/KnownIssues.swift`).
@Suite struct FuzzRegressionTests {
    /// libFuzzer (response-decode, after 51,265 executions): a UTF-32LE byte-order mark and a code
    /// unit above U+10FFFF (0xFD410041). libmagic 5.44 returns no MIME type and no error message.
    static let utf32OutOfRange: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x41, 0xFD]
    /// The same in big-endian order.
    static let utf32OutOfRangeBigEndian: [UInt8] = [0x00, 0x00, 0xFE, 0xFF, 0xFD, 0x41, 0x00, 0x41]
    /// The input as libFuzzer found it, before minimising.
    static let utf32AsFound: [UInt8] = [
        0xFF, 0xFE, 0x00, 0x00, 0x00, 0x01, 0x00, 0x31, 0x00, 0x36, 0x00, 0xFD, 0x4C, 0x5C, 0x67, 0x6C, 0x6F, 0x73, 0x73, 0x61,
        0x72, 0x79, 0x62, 0x69, 0x6E, 0x68, 0x65, 0x78, 0x65, 0x6E, 0x74, 0x72, 0x21, 0x45, 0x79, 0x00, 0x00, 0x0A, 0x00,
    ]

    /// Sniffing must answer (what it answers is the fix's choice; `application/octet-stream`
    /// fits bytes that are not text), never throw, for any payload held in memory.
    @Test(arguments: [utf32OutOfRange, utf32OutOfRangeBigEndian, utf32AsFound])
    func utf32WithAnOutOfRangeCodeUnitIsSniffed(payload: [UInt8]) {
        Self.expectSniffed(payload, by: sharedSniffer)
    }

    /// With built-in text rules the little-endian minimal input is read as UTF-16 (`FF FE` and
    /// valid code units), so only these two reach libmagic.
    @Test(arguments: [utf32OutOfRangeBigEndian, utf32AsFound])
    func utf32WithAnOutOfRangeCodeUnitIsSniffedWithBuiltInTextRules(payload: [UInt8]) {
        Self.expectSniffed(payload, by: builtInSniffer)
    }

    static func expectSniffed(_ payload: [UInt8], by sniffer: Sniffer) {
        withKnownIssue("libmagic 5.44 cannot give a MIME type for invalid UTF-32; Sniffer throws instead of answering") {
            switch Result(catching: { () throws(SniffError) in try sniffer.sniff(payload) }) {
            case .success(let sniff): #expect(sniff.size == payload.count)
            case .failure(let error): Issue.record(error, "sniffing failed")
            }
        } matching: { issue in
            guard let error = issue.error as? SniffError else { return false }
            return KnownIssues.isUTF32LibmagicFailure(error, payload: payload)
        }
    }

    @Test func utf32WithAnOutOfRangeCodeUnitDecodesAsABinaryResponse() {
        withKnownIssue("the response decoder's sniffer throws for invalid UTF-32") {
            let decoder = ResponseDecoder(sniffer: sharedSniffer)
            switch Result(catching: { () throws(ResponseError) in try decoder.decode(status: 200, fields: HTTPFields(), body: Self.utf32OutOfRange) }) {
            case .success(let decoded): #expect(decoded.binary?.bytes == Self.utf32OutOfRange)
            case .failure(let error): Issue.record(error, "decoding failed")
            }
        } matching: { issue in
            guard case .sniffFailed(let error)? = issue.error as? ResponseError else { return false }
            return KnownIssues.isUTF32LibmagicFailure(error, payload: Self.utf32OutOfRange)
        }
    }

    /// The allowance the fuzzers make is exactly this failure: not other libmagic errors, not
    /// payloads without a UTF-32 byte-order mark.
    @Test func theKnownIssueAllowanceIsNarrow() {
        let failure = SniffError.libmagic(.analysisFailed(message: "", errno: 0))
        #expect(KnownIssues.isUTF32LibmagicFailure(failure, payload: Self.utf32OutOfRange))
        #expect(KnownIssues.isUTF32LibmagicFailure(failure, payload: Self.utf32OutOfRangeBigEndian))
        #expect(!KnownIssues.isUTF32LibmagicFailure(failure, payload: [0xFF, 0xFE, 0x41, 0x00]))
        #expect(!KnownIssues.isUTF32LibmagicFailure(failure, payload: [0xFF, 0xFE]))
        #expect(!KnownIssues.isUTF32LibmagicFailure(.libmagic(.cannotCreateCookie(errno: 12)), payload: Self.utf32OutOfRange))
    }

    /// Found while writing the JSON round-trip invariant: `{"é": 1, "é": 2}` with U+00E9 in one key
    /// and `e` U+0301 in the other. The keys differ in every code unit, but Swift's `String ==`
    /// is canonical equivalence, so the parser drops a member (and `.strict` calls it a
    /// duplicate). RFC 8259 §8.3 compares names code unit by code unit.
    static let canonicallyEquivalentKeys = "{\"\u{E9}\": 1, \"e\u{301}\": 2}"

    @Test func keysThatDifferOnlyInUnicodeNormalisationAreDistinct() {
        withKnownIssue("StrictJSON compares object keys with String ==, which ignores normalisation") {
            let parsed = Result { () throws(JSONError) in try JSONParser.parse(Self.canonicallyEquivalentKeys) }
            #expect((try? parsed.get())?.objectValue?.count == 2)
            let strict = Result { () throws(JSONError) in try JSONParser.parse(Self.canonicallyEquivalentKeys, options: .strict) }
            #expect((try? strict.get()) != nil, "no key repeats, so .strict must accept the object")
        }
    }
}
