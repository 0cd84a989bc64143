import DeeployPayload
import PropertyBased
import Testing

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
