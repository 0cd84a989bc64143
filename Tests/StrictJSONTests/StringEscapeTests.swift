import StrictJSON
import Testing

/// The unescaper copies plain runs eight bytes at a time into a buffer sized by the
/// longest body so far; escapes at every offset around a word catch an off-by-one.
@Suite struct StringEscapeTests {
    static let escapes: [(text: String, decoded: String)] = [
        (#"\n"#, "\n"), (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\u00e9"#, "é"),
        (#"\u20AC"#, "€"), (#"\uD83D\uDE00"#, "😀"), (#"\b\f\r\t"#, "\u{8}\u{C}\r\t"),
    ]

    @Test func escapesAtEveryOffsetAroundAWord() throws {
        for (escape, decoded) in Self.escapes {
            for before in 0...17 {
                for after in [0, 1, 7, 8, 9] {
                    let head = String(repeating: "a", count: before)
                    let tail = String(repeating: "z", count: after)
                    let value = try JSONParser.parse("\"\(head)\(escape)\(tail)\(escape)\"")
                    #expect(value == .string(head + decoded + tail + decoded), "\(before) \(escape) \(after)")
                }
            }
        }
    }

    @Test func shortStringsAfterLongOnesKeepNothingFromThem() throws {
        let long = String(repeating: #"x\n"#, count: 100)
        let value = try JSONParser.parse("[\"\(long)\", \"\\t\", \"é\\u00e9\"]")
        #expect(value == [.string(String(repeating: "x\n", count: 100)), "\t", "éé"])
    }

    /// Strings longer than 15 bytes are copied into a `String` without validating them
    /// again; built from pieces of every UTF-8 length, plain and escaped, they must come out
    /// as the same well-formed strings that Swift builds from the pieces, as values, as
    /// keys and through the decoder.
    @Test func longStringsMatchTheStandardLibrarysDecoding() throws {
        let pieces: [(json: String, decoded: String)] = [
            ("a", "a"), ("plain text ", "plain text "), ("é", "é"), ("€", "€"), ("中文", "中文"), ("😀", "😀"),
            ("\u{7F}", "\u{7F}"), (#"\n"#, "\n"), (#"\""#, "\""), (#"\u00e9"#, "é"), (#"\uD83D\uDE00"#, "😀"),
            (#"\u0000"#, "\u{0}"), ("\u{10FFFF}", "\u{10FFFF}"), ("\u{FFFD}", "\u{FFFD}"), ("e\u{301}", "e\u{301}"),
        ]
        var generator = DocumentGenerator(seed: 77)
        for round in 0..<2_000 {
            var json = ""
            var expected = ""
            for _ in 0..<(1 + generator.int(below: 24)) {
                let piece = pieces[generator.int(below: pieces.count)]
                json += piece.json
                expected += piece.decoded
            }
            let bytes = Array("[\"\(json)\", {\"\(json)\": 0}]".utf8)
            guard case .array(let elements) = try JSONParser.parse(bytes), case .string(let parsed) = elements[0],
                case .object(let object) = elements[1]
            else {
                Issue.record("round \(round): not a string and an object")
                continue
            }
            let decoded = try StrictJSONDecoder().decode([String].self, from: Array("[\"\(json)\"]".utf8))
            let key = try StrictJSONDecoder().decode([JSONValue].self, from: bytes)
            for string in [parsed, object.keys[0], decoded[0], key[1].objectValue?.keys.first ?? ""] {
                #expect(Array(string.utf8) == Array(expected.utf8), "round \(round): \(json)")
                #expect(string == expected && string.hashValue == expected.hashValue, "round \(round): \(json)")
                #expect(string.unicodeScalars.elementsEqual(expected.unicodeScalars), "round \(round): \(json)")
                #expect(string.count == expected.count, "round \(round): \(json)")
            }
        }
    }

    @Test func unpairedSurrogatesBecomeReplacementCharacters() throws {
        let options = JSONOptions(allowUnpairedSurrogates: true)
        #expect(try JSONParser.parse(#""a\uD800b\uDC00""#, options: options) == "a\u{FFFD}b\u{FFFD}")
        #expect(try JSONParser.parse(#""\uD800\u0041""#, options: options) == "\u{FFFD}A")
    }
}
