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

/// The byte decoder remembers which name it found at each position of an array's
/// records; a name that is canonically equivalent to a remembered one but has other code
/// units (the Kelvin sign and "K", the Greek question mark and ";") is another key.
@Suite struct RememberedNameTests {
    struct Probe: Decodable, Equatable {
        var values: [Int?]

        init(values: [Int?]) { self.values = values }

        enum CodingKeys: String, CodingKey {
            case kelvin = "\u{212A}", k = "K", question = "\u{037E}", semicolon = ";", plain = "p"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            values = try [.kelvin, .k, .question, .semicolon, .plain, .k, .kelvin].map {
                try container.decodeIfPresent(Int.self, forKey: $0)
            }
        }
    }

    @Test func equivalentNamesWithOtherCodeUnitsAreOtherKeys() throws {
        let text = #"[{"K": 1, ";": 2, "p": 3}, {"K": 4, ";": 5, "p": 6}, {"K": 7, ";": 8, "p": 9}]"#
        let expected = [1, 4, 7].map { Probe(values: [nil, $0, nil, $0 + 1, $0 + 2, $0, nil]) }
        #expect(try StrictJSONDecoder().decode([Probe].self, from: Array(text.utf8)) == expected)
        #expect(try StrictJSONDecoder().decode([Probe].self, from: JSONParser.parse(text)) == expected)
    }
}
