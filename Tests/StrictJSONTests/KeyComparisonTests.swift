import StrictJSON
import Testing

/// Object keys compare code unit by code unit (RFC 8259 §8.3), not by Swift's canonical
/// equivalence: `"é"` (U+00E9) and `"e\u{301}"` are two different names.
@Suite struct KeyComparisonTests {
    let precomposed = "\u{E9}"
    let decomposed = "e\u{301}"
    var document: String { "{\"\(precomposed)\": 1, \"\(decomposed)\": 2}" }

    @Test func theParserKeepsBothMembers() throws {
        let object = try #require(try JSONParser.parse(document).objectValue)
        #expect(object.count == 2)
        #expect(object[precomposed] == 1)
        #expect(object[decomposed] == 2)
    }

    @Test func theStrictPolicyFindsNoDuplicate() throws {
        #expect(throws: Never.self) { try JSONParser.parse(document, options: .strict) }
        #expect(throws: JSONError.self) { try JSONParser.parse("{\"a\": 1, \"a\": 2}", options: .strict) }
    }

    @Test func spansAndEqualityAgree() throws {
        let bytes = Array(document.utf8)
        let members = try bytes.withUnsafeBytes { try JSONSpans.topLevelMembers(of: $0) }
        #expect(members.count == 2)
        let reordered = try JSONParser.parse("{\"\(decomposed)\": 2, \"\(precomposed)\": 1}")
        #expect(try JSONParser.parse(document) == reordered)
        #expect(try JSONParser.parse(document) != JSONParser.parse("{\"\(precomposed)\": 2, \"\(decomposed)\": 1}"))
    }
}
