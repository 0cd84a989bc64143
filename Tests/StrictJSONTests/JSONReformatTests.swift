import StrictJSON
import Testing

/// ``JSONSerializer/reformat(_:indent:options:)`` writes what serializing the parsed tree
/// writes, without the tree, and keeps every member of an object that repeats a name.
@Suite struct JSONReformatTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func generatedDocumentsComeOutAsTheirSerializedTree() throws {
        var generator = DocumentGenerator(seed: 21)
        for round in 0..<2_000 {
            let bytes = generator.document(depth: 4)
            let tree = try JSONParser.parse(bytes)
            for pretty in [false, true] {
                let serializer = JSONSerializer(pretty: pretty)
                #expect(try serializer.reformat(bytes) == serializer.serialize(tree), "round \(round): \(Self.text(bytes))")
            }
        }
    }

    @Test(arguments: Corpus.valid)
    func corpusDocumentsComeOutAsTheirSerializedTree(_ bytes: [UInt8]) throws {
        // The corpus holds a repeated name or two; those are checked member by member below.
        guard let tree = try? JSONParser.parse(bytes, options: .strict) else { return }
        #expect(try JSONSerializer(pretty: true).reformat(bytes) == JSONSerializer(pretty: true).serialize(tree))
        #expect(try JSONSerializer().reformat(bytes) == JSONSerializer().serialize(tree))
    }

    @Test func repeatedNamesAreAllKeptInOrder() throws {
        let bytes = Array(#" {"a": 1, "b": {"x": [], "x": {}}, "a": [2, "\u0041"]} "#.utf8)
        #expect(Self.text(try JSONSerializer().reformat(bytes)) == #"{"a":1,"b":{"x":[],"x":{}},"a":[2,"A"]}"#)
        let expected = """
            {
              "a": 1,
              "b": {
                "x": [],
                "x": {}
              },
              "a": [
                2,
                "A"
              ]
            }
            """
        #expect(Self.text(try JSONSerializer(pretty: true).reformat(bytes)) == expected)
    }

    @Test func laterLinesAreIndentedToTheGivenLevel() throws {
        let bytes = Array(#"{"a":[1]}"#.utf8)
        #expect(Self.text(try JSONSerializer(pretty: true).reformat(bytes, indent: 2)) == "{\n      \"a\": [\n        1\n      ]\n    }")
        #expect(Self.text(try JSONSerializer().reformat(bytes, indent: 2)) == #"{"a":[1]}"#)
    }

    @Test func scalarsAndEmptyContainersStandAlone() throws {
        for text in ["1.50e+3", "\"\\/x\"", "true", "null", "[]", "{}", " [ ] ", "[[], {}]"] {
            let bytes = Array(text.utf8)
            let serializer = JSONSerializer(pretty: true)
            #expect(try serializer.reformat(bytes) == serializer.serialize(try JSONParser.parse(bytes)), "\(text)")
        }
    }

    @Test func linesDeeperThanTheSpacesAtHandAreIndentedInFull() throws {
        // 100 levels is 200 spaces, past the 128 kept for a line break.
        let bytes = Array((String(repeating: "[", count: 100) + "0" + String(repeating: "]", count: 100)).utf8)
        let serializer = JSONSerializer(pretty: true)
        #expect(try serializer.reformat(bytes) == serializer.serialize(try JSONParser.parse(bytes)))
    }

    @Test func chunksJoinToTheWholeOutputAndStayWithinTheirSize() throws {
        var generator = DocumentGenerator(seed: 2_112)
        for _ in 0..<200 {
            let bytes = generator.document(depth: 5)
            let serializer = JSONSerializer(pretty: true)
            var joined: [UInt8] = []
            var largest = 0
            try serializer.reformat(bytes, indent: 1, chunkSize: 100) { chunk in
                joined.append(contentsOf: chunk)
                largest = max(largest, chunk.count)
            }
            #expect(joined == (try serializer.reformat(bytes, indent: 1)))
            // No generated token is longer than 100 bytes, so no chunk is either.
            #expect(largest <= 100)
        }
    }

    @Test func aTokenLongerThanAChunkIsPassedOnByItself() throws {
        let long = "\"" + String(repeating: "x", count: 300) + "\""
        let bytes = Array("[1, \(long), 2]".utf8)
        var chunks: [String] = []
        try JSONSerializer().reformat(bytes, chunkSize: 64) { chunks.append(String(decoding: $0, as: UTF8.self)) }
        #expect(chunks == ["[1,", long, ",2]"])
    }

    @Test(arguments: Corpus.invalid)
    func invalidJSONThrowsTheValidatorsError(_ invalid: Corpus.Invalid) {
        let expected = #expect(throws: JSONError.self) { try JSONValidator.validate(invalid.bytes, options: invalid.options) }
        let thrown = #expect(throws: JSONError.self) { try JSONSerializer(pretty: true).reformat(invalid.bytes, options: invalid.options) }
        #expect(thrown == expected)
    }
}
