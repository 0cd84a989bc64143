import StrictJSON
import Testing

@Suite struct JSONSpansTests {
    static let request = Array(#" {"instances": [[1, 2], {"a": "b"}, "x" ,null], "parameters" : {"t": 0.5}, "n": -1.5e3 } "#.utf8)

    private func text(_ range: Range<Int>, _ bytes: [UInt8]) -> String { String(decoding: bytes[range], as: UTF8.self) }

    @Test func topLevelMembersGiveKeyValueAndMemberRanges() throws {
        let members = try JSONSpans.topLevelMembers(of: Self.request)
        #expect(members.map(\.key) == ["instances", "parameters", "n"])
        #expect(members.map { text($0.keyRange, Self.request) } == [#""instances""#, #""parameters""#, #""n""#])
        #expect(members.map { text($0.valueRange, Self.request) } == [#"[[1, 2], {"a": "b"}, "x" ,null]"#, #"{"t": 0.5}"#, "-1.5e3"])
        #expect(text(members[1].memberRange, Self.request) == #""parameters" : {"t": 0.5}"#)
    }

    @Test func memberFindsATopLevelValue() throws {
        let range = try #require(try JSONSpans.member("parameters", in: Self.request))
        #expect(text(range, Self.request) == #"{"t": 0.5}"#)
        #expect(try JSONSpans.member("t", in: Self.request) == nil)
        #expect(try JSONSpans.member("x", in: Array("[1]".utf8)) == nil)
    }

    @Test func memberMatchesEscapedKeys() throws {
        let bytes = Array(#"{"\u0061b":1,"é":2}"#.utf8)
        #expect(try JSONSpans.member("ab", in: bytes).map { text($0, bytes) } == "1")
        #expect(try JSONSpans.member("é", in: bytes).map { text($0, bytes) } == "2")
    }

    @Test func elementsAreExactValues() throws {
        let instances = try #require(try JSONSpans.member("instances", in: Self.request))
        let elements = try JSONSpans.elements(ofArrayAt: instances, in: Self.request)
        #expect(elements.map { text($0, Self.request) } == ["[1, 2]", #"{"a": "b"}"#, #""x""#, "null"])
    }

    @Test func elementsOfEmptyArraysAreEmpty() throws {
        #expect(try JSONSpans.elements(ofArrayIn: Array(" [ ] ".utf8)).isEmpty)
        #expect(try JSONSpans.topLevelMembers(of: Array("{}".utf8)).isEmpty)
    }

    @Test func valueSpanExcludesWhitespace() throws {
        #expect(try JSONSpans.value(in: Array("  42 \n".utf8)) == 2..<4)
        #expect(try JSONSpans.value(in: Self.request) == 1..<(Self.request.count - 1))
    }

    @Test func spansOfGeneratedArraysReassembleTheArray() throws {
        var generator = DocumentGenerator(seed: 5)
        var checked = 0
        while checked < 200 {
            let bytes = generator.document(depth: 4)
            guard case .array(let elements) = try JSONParser.parse(bytes) else { continue }
            checked += 1
            let spans = try JSONSpans.elements(ofArrayIn: bytes)
            #expect(spans.count == elements.count)
            for (span, element) in zip(spans, elements) {
                let slice = Array(bytes[span])
                #expect(try JSONParser.parse(slice) == element)
                #expect(slice.first.map { !Self.isWhitespace($0) } ?? false)
                #expect(slice.last.map { !Self.isWhitespace($0) } ?? false)
            }
            let joined = Array("[".utf8) + spans.map { Array(bytes[$0]) }.joined(separator: Array(",".utf8)) + Array("]".utf8)
            #expect(try JSONParser.parse(joined) == .array(elements))
        }
    }

    @Test func spansOfGeneratedObjectsMatchTheTree() throws {
        var generator = DocumentGenerator(seed: 6)
        var checked = 0
        while checked < 200 {
            let bytes = generator.document(depth: 4)
            guard case .object(let object) = try JSONParser.parse(bytes) else { continue }
            checked += 1
            let members = try JSONSpans.topLevelMembers(of: bytes)
            #expect(members.map(\.key) == object.keys)
            for member in members {
                #expect(try JSONParser.parse(Array(bytes[member.valueRange])) == object[member.key])
                #expect(try JSONSpans.member(member.key, in: bytes) == member.valueRange)
            }
        }
    }

    /// One pass for members and the named arrays' elements gives what two passes give.
    @Test func membersWithElementsMatchTwoPasses() throws {
        var generator = DocumentGenerator(seed: 7)
        var checked = 0
        while checked < 300 {
            let bytes = generator.document(depth: 4)
            guard case .object = try JSONParser.parse(bytes) else { continue }
            checked += 1
            let names: Set<String> = ["k0", "k2", "k1é"]
            let found = try JSONSpans.topLevelMembers(of: bytes, elementsOf: names)
            #expect(found.members == (try JSONSpans.topLevelMembers(of: bytes)))
            var expected: [Range<Int>: [Range<Int>]] = [:]
            for member in found.members where names.contains(member.key) {
                if let elements = try? JSONSpans.elements(ofArrayAt: member.valueRange, in: bytes) { expected[member.valueRange] = elements }
            }
            #expect(found.elements == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Repeated names each keep their own elements under .keepFirst; nested arrays are not members.
        let bytes = Array(#"{"a": [1, [2]], "b": {"a": [3]}, "a": "x", "\u0061": []}"#.utf8)
        let found = try JSONSpans.topLevelMembers(of: bytes, elementsOf: ["a"], options: JSONOptions(duplicateKeys: .keepFirst))
        #expect(found.members.map(\.key) == ["a", "b"])
        #expect(found.elements.count == 2)
        #expect(found.elements[6..<14] == [7..<8, 10..<13])
        #expect(throws: JSONError.self) { try JSONSpans.topLevelMembers(of: Array("[1]".utf8), elementsOf: ["a"]) }
    }

    @Test(arguments: Corpus.invalid)
    func rejectInvalidDocumentsWithTheValidatorsError(_ invalid: Corpus.Invalid) throws {
        let expected = try #require(Readers.validatorError(invalid.bytes, invalid.options))
        #expect(throws: expected) { try JSONSpans.topLevelMembers(of: invalid.bytes, options: invalid.options) }
        #expect(throws: expected) { try JSONSpans.topLevelMembers(of: invalid.bytes, elementsOf: ["a"], options: invalid.options) }
        #expect(throws: expected) { try JSONSpans.elements(ofArrayIn: invalid.bytes, options: invalid.options) }
        #expect(throws: expected) { try JSONSpans.member("a", in: invalid.bytes, options: invalid.options) }
    }

    @Test func rejectsTheWrongContainer() {
        let error = #expect(throws: JSONError.self) { try JSONSpans.elements(ofArrayIn: Array(" {}".utf8)) }
        #expect(error?.kind == .unexpectedType)
        #expect(error?.offset == 1)
        #expect(error?.expected == "an array")
        #expect(throws: JSONError.self) { try JSONSpans.topLevelMembers(of: Array("[]".utf8)) }
    }

    @Test func subRangeErrorsAreLocatedInTheWholeBuffer() {
        let bytes = Array("{\"a\":\n[1,]}".utf8)
        let error = #expect(throws: JSONError.self) { try JSONSpans.elements(ofArrayAt: 6..<10, in: bytes) }
        #expect(error?.kind == .trailingComma)
        #expect(error?.offset == 9)
        #expect(error?.line == 2)
        #expect(error?.column == 4)
    }

    @Test func duplicateKeysFollowThePolicy() throws {
        let bytes = Array(#"{"a":1,"b":2,"a":3}"#.utf8)
        #expect(try JSONSpans.topLevelMembers(of: bytes).map(\.key) == ["b", "a"])
        #expect(try JSONSpans.member("a", in: bytes).map { text($0, bytes) } == "3")
        let first = JSONOptions(duplicateKeys: .keepFirst)
        #expect(try JSONSpans.topLevelMembers(of: bytes, options: first).map(\.key) == ["a", "b"])
        #expect(try JSONSpans.member("a", in: bytes, options: first).map { text($0, bytes) } == "1")
        let error = #expect(throws: JSONError.self) { try JSONSpans.member("b", in: bytes, options: .strict) }
        #expect(error?.kind == .duplicateKey)
        #expect(error?.offset == 13)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { [0x20, 0x09, 0x0A, 0x0D].contains(byte) }
}
