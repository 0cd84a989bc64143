import DeeployPayload
import Testing

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
