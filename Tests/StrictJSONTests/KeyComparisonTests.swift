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

    /// Short keys take their shape from one masked load when eight bytes are readable and
    /// from a byte loop otherwise (escaped keys, the end of the document): a key written
    /// plainly and escaped must still be one key, at every length and near the end.
    @Test func plainAndEscapedKeysOfEveryShortLengthAreOneKey() throws {
        for length in 1...10 {
            let plain = String("abcdefghij".prefix(length))
            let escaped = "\\u0061" + plain.dropFirst()
            for (first, second) in [(plain, escaped), (escaped, plain)] {
                let text = "{\"\(first)\":1,\"\(second)\":2}"
                // An array the exact size of the text, so that nothing readable follows it.
                let bytes = Array(text.utf8)
                #expect(try JSONParser.parse(bytes) == .object([plain: 2]), "\(text)")
                let keepFirst = JSONOptions(duplicateKeys: .keepFirst)
                #expect(try JSONParser.parse(bytes, options: keepFirst) == .object([plain: 1]), "\(text)")
                #expect(throws: JSONError.self, "\(text)") { try JSONParser.parse(bytes, options: .strict) }
                let other = "{\"\(plain)\":1,\"\(plain)x\":2}"
                #expect(try JSONParser.parse(Array(other.utf8)).objectValue?.count == 2, "\(other)")
            }
        }
    }
}
