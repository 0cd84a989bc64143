@testable import DeeployPayload
import PropertyBased
import StrictJSON
import Testing

private let atoms = [
    "0", "-0.5e+3", "1E400", "true", "false", "null", #""""#, #""a,b""#, #""]""#, #""\"""#, #""\\""#, #""\\\"]""#,
    #""\u005d""#, #""é😀""#, "[]", "{}", #"{"a": [1, "]"]}"#, #"[[[]], {"}": "{"}]"#,
]
private let spaces = ["", " ", "\n\t", "\r\n  "]

private let array = zip(
    Gen<String?>.element(of: atoms).map { $0 ?? "0" }.array(of: 0...10),
    Gen<String?>.element(of: spaces).map { $0 ?? "" }
).map { value -> String in
    let (elements, space) = value
    return "[" + space + elements.joined(separator: space + "," + space) + space + "]"
}

@Suite struct ValidatedArrayScannerTests {
    @Test func agreesWithJSONSpansOnValidArrays() async {
        await propertyCheck(count: 1_000, input: array) { text in
            let bytes = Array(text.utf8)
            let expected = try? JSONSpans.elements(ofArrayIn: bytes)
            #expect(expected != nil, "generated array is not valid JSON: \(text)")
            #expect(ValidatedArrayScanner.elements(ofArrayAt: 0..<bytes.count, in: bytes) == expected, "\(text)")
        }
    }

    @Test func findsArraysInsideADocument() throws {
        let bytes = Array(#"{"x": 1, "instances" : [ [1, 2] , "a" ]}"#.utf8)
        let range = try #require(try JSONSpans.member("instances", in: bytes))
        #expect(ValidatedArrayScanner.elements(ofArrayAt: range, in: bytes) == (try JSONSpans.elements(ofArrayAt: range, in: bytes)))
    }

    @Test func rejectsRangesThatAreNotArrays() {
        let bytes = Array(#"{"a": "[1]", "b": 3}"#.utf8)
        #expect(ValidatedArrayScanner.elements(ofArrayAt: 0..<bytes.count, in: bytes) == nil)
        #expect(ValidatedArrayScanner.elements(ofArrayAt: 6..<11, in: bytes) == nil)
        #expect(ValidatedArrayScanner.elements(ofArrayAt: 0..<1, in: Array("[".utf8)) == nil)
        #expect(ValidatedArrayScanner.elements(ofArrayAt: 0..<99, in: Array("[]".utf8)) == nil)
        #expect(ValidatedArrayScanner.elements(ofArrayAt: 0..<2, in: Array("[]".utf8)) == [])
    }

    @Test func neverReadsOutsideTheRangeOnBrokenInput() {
        // Not valid JSON, so the answer is meaningless, but it must come without a crash.
        for text in [#"["\"]"#, #"[\]"#, "[,,,]", "[}}}]", #"["abc\]"#, "[\"]"] {
            let bytes = Array(text.utf8)
            _ = ValidatedArrayScanner.elements(ofArrayAt: 0..<bytes.count, in: bytes)
        }
    }
}
