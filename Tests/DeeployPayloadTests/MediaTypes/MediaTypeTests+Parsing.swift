import DeeployPayload
import PropertyBased
import Testing

// Parsing and serialising: the standard's cases, then generated strings.

/// Cases in the style of web-platform-tests' mimesniff/mime-types suite, derived from the
/// WHATWG MIME Sniffing standard's parse and serialise algorithms: input, then the expected
/// serialisation (`nil` for failure).
private let standardCases: [(String, String?)] = [
    // Basics
    ("text/html;charset=gbk", "text/html;charset=gbk"),
    ("TEXT/HTML;CHARSET=GBK", "text/html;charset=GBK"),
    // Legacy comment syntax is not special
    ("text/html;charset=gbk(", #"text/html;charset="gbk(""#),
    ("text/html;x=(;charset=gbk", #"text/html;x="(";charset=gbk"#),
    // Duplicate parameter
    ("text/html;charset=gbk;charset=windows-1255", "text/html;charset=gbk"),
    // Spaces
    ("text/html;charset =gbk", "text/html"),
    ("text/html ;charset=gbk", "text/html;charset=gbk"),
    ("text/html; charset=gbk", "text/html;charset=gbk"),
    ("text/html;charset= gbk", #"text/html;charset=" gbk""#),
    // Single quotes are a token, not a delimiter
    ("text/html;charset='gbk'", "text/html;charset='gbk'"),
    ("text/html;charset='gbk", "text/html;charset='gbk"),
    ("text/html;charset=gbk'", "text/html;charset=gbk'"),
    // Invalid parameters
    ("text/html;test;charset=gbk", "text/html;charset=gbk"),
    ("text/html;test=;charset=gbk", "text/html;charset=gbk"),
    ("text/html;';charset=gbk", "text/html;charset=gbk"),
    ("text/html;\";charset=gbk", "text/html;charset=gbk"),
    ("text/html ; ; charset=gbk", "text/html;charset=gbk"),
    ("text/html;;;;charset=gbk", "text/html;charset=gbk"),
    // Double quotes
    (#"text/html;charset="gbk""#, "text/html;charset=gbk"),
    (#"text/html;charset="gbk"#, "text/html;charset=gbk"),
    (#"text/html;charset=gbk""#, #"text/html;charset="gbk\"""#),
    (#"text/html;charset=" gbk""#, #"text/html;charset=" gbk""#),
    (#"text/html;charset="\ gbk""#, #"text/html;charset=" gbk""#),
    (#"text/html;charset="\g\b\k""#, "text/html;charset=gbk"),
    (#"text/html;charset="gbk"x"#, "text/html;charset=gbk"),
    (#"text/html;charset="";charset=GBK"#, #"text/html;charset="""#),
    // Unexpected code points
    ("text/html;charset={gbk}", #"text/html;charset="{gbk}""#),
    // Long names are not limited
    (
        "text/html;" + String(repeating: "0123456789", count: 14) + "=x;charset=gbk",
        "text/html;" + String(repeating: "0123456789", count: 14) + "=x;charset=gbk"
    ),
    (
        String(repeating: "a", count: 130) + "/" + String(repeating: "B", count: 130),
        String(repeating: "a", count: 130) + "/" + String(repeating: "b", count: 130)
    ),
    // Every token code point
    (
        "!#$%&'*+-.^_`|~09AZaz/!#$%&'*+-.^_`|~09AZaz;!#$%&'*+-.^_`|~09AZaz=!#$%&'*+-.^_`|~09AZaz",
        "!#$%&'*+-.^_`|~09azaz/!#$%&'*+-.^_`|~09azaz;!#$%&'*+-.^_`|~09azaz=!#$%&'*+-.^_`|~09AZaz"
    ),
    // Every quoted-string token code point survives a round trip
    (
        "x/x;x=\" !\\\"#$%&'()*+,-./09:;<=>?@AZ[\\\\]^_`az{|}~\u{80}\u{A0}\u{FF}\"",
        "x/x;x=\" !\\\"#$%&'()*+,-./09:;<=>?@AZ[\\\\]^_`az{|}~\u{80}\u{A0}\u{FF}\""
    ),
    // End of input
    ("x/x;test", "x/x"),
    ("x/x;test=\"\\", "x/x;test=\"\\\\\""),
    ("x/x;test=", "x/x"),
    ("x/x;", "x/x"),
    // Latin-1 is kept and quoted; beyond Latin-1 the parameter is dropped
    ("text/html;test=\u{FF};charset=gbk", "text/html;test=\"\u{FF}\";charset=gbk"),
    ("x/x;test=\u{FFFD};x=x", "x/x;x=x"),
    ("x/x;test=\"\u{100}\";x=x", "x/x;x=x"),
    // Tab is allowed inside values; CR and LF only as surrounding whitespace
    ("x/x;a=\"b\tc\"", "x/x;a=\"b\tc\""),
    ("x/x;a=b\tc", "x/x;a=\"b\tc\""),
    ("\r\n\t x/x;x=x \r\n\t", "x/x;x=x"),
    ("x/x;a=\"b\nc\";x=x", "x/x;x=x"),
    // Failure
    ("", nil),
    ("\t", nil),
    ("bogus", nil),
    ("bogus/", nil),
    ("bogus/ ", nil),
    ("bogus/bogus/;", nil),
    ("</>", nil),
    ("(/)", nil),
    ("text/html(;doesnot=matter", nil),
    ("{/}", nil),
    ("\u{100}/\u{100}", nil),
    ("text /html", nil),
    ("text/ html", nil),
    ("x/x\u{0B}", nil),
]

extension MediaTypeTests {
    @Test(arguments: standardCases)
    func standardCase(_ input: String, _ expected: String?) {
        #expect(MediaType(input)?.description == expected)
    }

    @Test(arguments: standardCases.compactMap { $0.1 })
    func standardSerialisationIsAFixedPoint(_ serialised: String) {
        #expect(MediaType(serialised)?.description == serialised)
    }
}

/// Pieces rich in the characters the parser treats specially, so that random strings often
/// parse and reach every branch: delimiters, quotes, escapes, HTTP whitespace, other controls,
/// Latin-1 and beyond.
private let pieces = [
    "text", "image", "application", "x", "Json", "plain", "svg+xml", "*", "/", "/", "/", ";", ";", "=", "=",
    "\"", "\"", "\\", " ", "\t", "\r\n", "\n", "\u{0C}", "\u{0}", "charset", "CharSet", "utf-8", "UTF-8",
    "a", "B", "(", ")", ",", "'", "{", "é", "\u{FF}", "\u{100}", "😀", "q=0.5", "x=\"y z\"", "boundary",
]

private let generatedString = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...14).map { $0.joined() }

/// Short strings from the same pieces with tokens and "/" weighted up, so that both outcomes are common.
private let shortString = Gen<String?>.element(of: pieces + ["text", "x", "/", "/", "/", "B", "utf-8"])
    .map { $0 ?? "" }.array(of: 1...5).map { $0.joined() }

/// Strings that start like a media type, so that most of them parse and the parameters are exercised.
private let generatedMediaTypeString = zip(
    Gen<String?>.element(of: ["text/plain;", "Application/JSON ; ", " image/*;", "x/y", "a/b+json;", "t/s"]).map { $0 ?? "" },
    generatedString
).map { $0 + $1 }

extension MediaTypeTests {
    @Test func parsingASerialisationGivesTheSameValue() async {
        var parsed = 0
        await propertyCheck(count: 2_000, input: generatedMediaTypeString) { string in
            guard let value = MediaType(string) else { return }
            parsed += 1
            let again = MediaType(value.description)
            #expect(again == value, "\(string.debugDescription) -> \(value.description.debugDescription)")
            #expect(again?.description == value.description)
            #expect(again?.hashValue == value.hashValue)
        }
        #expect(parsed > 1_000, "too few generated strings parse to exercise the property: \(parsed)")
    }

    @Test func randomStringsParseOrFailWithoutCrashing() async {
        var parsed = 0
        var failed = 0
        await propertyCheck(count: 3_000, input: shortString) { string in
            switch Result(catching: { () throws(MediaTypeError) in try MediaType.parse(string) }) {
            case .success(let value):
                parsed += 1
                #expect(MediaType(value.description) == value)
                #expect(MediaType(string) == value)
            case .failure(let error):
                failed += 1
                #expect(MediaType(string) == nil)
                #expect(!error.description.isEmpty)
            }
        }
        #expect(parsed > 10, "too few random strings parse: \(parsed)")
        #expect(failed > 1_000, "too few random strings fail: \(failed)")
    }
}
