import PropertyBased
import StrictJSON
import Testing

@Suite struct JSONSerializerTests {
    @Test func compactFormHasNoWhitespace() {
        let value: JSONValue = ["a": [1, true, nil], "b": ["c": "d"], "e": [], "f": [:]]
        #expect(value.jsonString == #"{"a":[1,true,null],"b":{"c":"d"},"e":[],"f":{}}"#)
    }

    @Test func prettyFormIndentsByTwoSpaces() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": "x"]
        let expected = """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": "x"
            }
            """
        #expect(String(decoding: value.serialized(pretty: true), as: UTF8.self) == expected)
    }

    @Test func escapesOnlyWhatMustBeEscaped() {
        let value = JSONValue.string("\"\\/\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}é😀\u{2028}")
        #expect(value.jsonString == #""\"\\/\b\f\n\r\t\u0001\u001f"# + "\u{7F}é😀\u{2028}\"")
    }

    @Test func writesNumbersWithTheirSourceText() throws {
        let value = try JSONParser.parse("[1.50,-0,1E400,2e-5]")
        #expect(value.jsonString == "[1.50,-0,1E400,2e-5]")
    }

    @Test func outputIsDeterministic() {
        let value: JSONValue = ["z": 1, "a": 2, "m": ["y": 1, "b": 2]]
        #expect(value.serialized() == value.serialized())
        #expect(value.jsonString == #"{"z":1,"a":2,"m":{"y":1,"b":2}}"#)
    }

    @Test(arguments: Corpus.valid)
    func reparsingTheOutputGivesAnEqualValue(_ bytes: [UInt8]) throws {
        let value = try JSONParser.parse(bytes)
        #expect(try JSONParser.parse(value.serialized()) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
    }

    @Test func roundTripsGeneratedValues() async {
        await propertyCheck(count: 300, input: JSONValueGenerator.values) { (value: JSONValue) throws in
            let compact = value.serialized()
            #expect(try JSONParser.parse(compact) == value)
            #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
            #expect(JSONValidator.isValid(compact))
            #expect(try JSONParser.parse(compact).serialized() == compact)
        }
    }
}

/// Random ``JSONValue`` trees for property checks.
enum JSONValueGenerator {
    static let values = Generator<JSONValue, Shrink.None<JSONValue>>(run: { rng in value(&rng, depth: 4) })

    static func value(_ rng: inout any SeededRandomNumberGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(number(&rng))
        case 3, 4, 5: return .string(string(&rng))
        case 6: return .array((0..<Int.random(in: 0..<5, using: &rng)).map { _ in value(&rng, depth: depth - 1) })
        default:
            let members = (0..<Int.random(in: 0..<5, using: &rng)).map { _ in (key: string(&rng), value: value(&rng, depth: depth - 1)) }
            return .object(JSONObject(members))
        }
    }

    static func number(_ rng: inout any SeededRandomNumberGenerator) -> JSONNumber {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return JSONNumber(Int64.random(in: .min ... .max, using: &rng))
        case 1: return JSONNumber(Double.random(in: -1e300...1e300, using: &rng)) ?? 0
        case 2: return JSONNumber(Double.random(in: -1...1, using: &rng)) ?? 0
        default:
            let texts = ["-0", "1E400", "1e-400", "0.10", "123456789012345678901234567890", "-2.5E+3"]
            return JSONNumber(text: texts[Int.random(in: 0..<texts.count, using: &rng)]) ?? 0
        }
    }

    static func string(_ rng: inout any SeededRandomNumberGenerator) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "中", "😀", "\u{2028}", "\u{FFFF}", "\u{10FFFF}"]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<8, using: &rng) { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return String(text)
    }
}
