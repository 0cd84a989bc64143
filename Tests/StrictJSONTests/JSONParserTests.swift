import StrictJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesTopLevelScalars() throws {
        #expect(try JSONParser.parse("42") == .number(42))
        #expect(try JSONParser.parse(#""x""#) == .string("x"))
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" true ") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":2,"c":{"z":null,"y":[]}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["c"]?.objectValue?.keys == ["z", "y"])
    }

    @Test func keepsNumberText() throws {
        let value = try JSONParser.parse("[1.50, -0, 1E400, 1e-400, 123456789012345678901234567890]")
        #expect(value.arrayValue?.compactMap { $0.numberValue?.text } == ["1.50", "-0", "1E400", "1e-400", "123456789012345678901234567890"])
    }

    @Test func decodesEveryEscape() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d\uD83D\uDE00\u0000""#)
        #expect(value == .string("\"\\/\u{8}\u{C}\n\r\tAé中😀\u{0}"))
    }

    @Test func keepsRawUTF8() throws {
        #expect(try JSONParser.parse("\"é 😀 中 \u{10FFFF}\"") == .string("é 😀 中 \u{10FFFF}"))
    }

    @Test func allowedUnpairedSurrogatesBecomeReplacementCharacters() throws {
        let options = JSONOptions(allowUnpairedSurrogates: true)
        #expect(try JSONParser.parse(#""a\uD800b""#, options: options) == .string("a\u{FFFD}b"))
        #expect(try JSONParser.parse(#""\uDC00\uD83D\uDE00""#, options: options) == .string("\u{FFFD}😀"))
    }

    @Test func skipsAnAllowedByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        #expect(try JSONParser.parse(bytes, options: JSONOptions(allowByteOrderMark: true)) == [1])
        #expect(Readers.parserError(bytes)?.kind == .byteOrderMark)
    }

    @Test(arguments: Corpus.valid)
    func acceptsWhatTheValidatorAccepts(_ bytes: [UInt8]) throws {
        _ = try JSONParser.parse(bytes)
    }

    @Test(arguments: Corpus.invalid)
    func rejectsWithTheValidatorsError(_ invalid: Corpus.Invalid) {
        let error = Readers.parserError(invalid.bytes, invalid.options)
        #expect(error != nil)
        #expect(error == Readers.validatorError(invalid.bytes, invalid.options))
    }

    @Test func agreesWithTheValidatorOnGeneratedAndDamagedDocuments() {
        var generator = DocumentGenerator(seed: 11)
        for _ in 0..<300 {
            var bytes = generator.document(depth: 4)
            if generator.bool(), !bytes.isEmpty { bytes[generator.int(below: bytes.count)] = generator.damage() }
            #expect(Readers.parserError(bytes) == Readers.validatorError(bytes))
        }
    }

    @Test func nestingBombsAreTooDeep() {
        for count in [100_000, 10_000_000] {
            let error = Readers.parserError([UInt8](repeating: 0x5B, count: count))
            #expect(error?.kind == .tooDeep)
            #expect(error?.offset == 512)
        }
    }

    @Test func treeDepthIsCapped() {
        let depth = JSONParser.maximumTreeDepth + 1
        let document = [UInt8](repeating: 0x5B, count: depth) + [UInt8](repeating: 0x5D, count: depth)
        let error = Readers.parserError(document, JSONOptions(maxDepth: 1_000_000))
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == JSONParser.maximumTreeDepth)
        #expect(JSONValidator.isValid(document, options: JSONOptions(maxDepth: 1_000_000)))
    }

    @Test func treesAtTheDepthCapCanBeUsedAndFreed() throws {
        let depth = JSONParser.maximumTreeDepth
        let document = [UInt8](repeating: 0x5B, count: depth) + [UInt8](repeating: 0x5D, count: depth)
        let options = JSONOptions(maxDepth: depth)
        let first = try JSONParser.parse(document, options: options)
        let second = try JSONParser.parse(document, options: options)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.serialized() == document)
    }

    @Test func duplicateKeysKeepTheLastByDefault() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value["a"] == 3)
    }

    @Test func duplicateKeysCanKeepTheFirst() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#, options: JSONOptions(duplicateKeys: .keepFirst))
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 1)
    }

    @Test func duplicateKeysCanBeRejected() {
        let error = Readers.parserError(Array(#"{"a":1,"b":{"c":1,"\u0063":2}}"#.utf8), .strict)
        #expect(error?.kind == .duplicateKey)
        #expect(error?.offset == 18)
        #expect(error?.expected == #"a key other than "c", which this object already has"#)
    }

    @Test func duplicateKeysInLargeObjectsFollowThePolicy() throws {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let text = "{\(members),\"k7\":\"last\"}"
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.count == 40)
        #expect(value["k7"] == "last")
        #expect(value.objectValue?.keys.last == "k7")
        #expect(try JSONParser.parse(text, options: JSONOptions(duplicateKeys: .keepFirst))["k7"] == 7)
        #expect(Readers.parserError(Array(text.utf8), .strict)?.kind == .duplicateKey)
    }

    @Test func largeObjectsFindEveryKey() throws {
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSONParser.parse("{\(members)}")
        for index in 0..<100 { #expect(value["k\(index)"]?.int64Value == Int64(index)) }
        #expect(value["k100"] == nil)
    }

    @Test func acceptsAnyCollectionOfBytes() throws {
        let text = #"{"a":[1,2]}"#
        #expect(try JSONParser.parse(Array(text.utf8)) == JSONParser.parse(text))
        #expect(try JSONParser.parse(ArraySlice(text.utf8)) == ["a": [1, 2]])
        #expect(try JSONParser.parse(text.utf8.lazy.map { $0 }) == ["a": [1, 2]])
    }
}
