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

    @Test func unpairedSurrogatesBecomeReplacementCharacters() throws {
        let options = JSONOptions(allowUnpairedSurrogates: true)
        #expect(try JSONParser.parse(#""a\uD800b\uDC00""#, options: options) == "a\u{FFFD}b\u{FFFD}")
        #expect(try JSONParser.parse(#""\uD800\u0041""#, options: options) == "\u{FFFD}A")
    }
}
