import StrictJSON
import Testing

/// The parser reuses keys between objects and decides uniqueness from key shapes (length,
/// first and last eight bytes); these documents are built to fool a careless version.
@Suite struct KeyReuseTests {
    /// Keys of every length around the 8- and 16-byte words, sharing heads and tails.
    static let lookalikes: [String] = {
        var keys: [String] = []
        for length in [1, 7, 8, 9, 15, 16, 17, 24, 25] {
            let base = String(repeating: "k", count: length)
            keys.append(base)
            // Same length, same first and last eight bytes where possible, one middle byte off.
            var middle = Array(base.utf8)
            middle[length / 2] = UInt8(ascii: "m")
            keys.append(String(decoding: middle, as: UTF8.self))
        }
        return keys
    }()

    @Test func lookalikeKeysStayDistinct() throws {
        let keys = Set(Self.lookalikes)
        let members = keys.sorted().enumerated().map { "\"\($1)\": \($0)" }
        let object = try #require(try JSONParser.parse("{\(members.joined(separator: ", "))}", options: .strict).objectValue)
        #expect(object.count == keys.count)
        for (position, key) in keys.sorted().enumerated() { #expect(object[key] == .number(JSONNumber(position))) }
    }

    @Test func repeatedObjectsGetTheirOwnKeys() throws {
        // The same position in consecutive objects holds keys that differ only past a word.
        let objects = Self.lookalikes.map { "{\"\($0)\": 1, \"x\": 2}" }
        let array = try #require(try JSONParser.parse("[\(objects.joined(separator: ", "))]").arrayValue)
        for (key, value) in zip(Self.lookalikes, array) {
            #expect(value.objectValue?.keys == [key, "x"])
        }
    }

    @Test func nestedObjectsAtOtherDepthsDoNotShareSlots() throws {
        let text = #"[{"a": {"b": 1}, "c": [{"a": 2, "b": {"a": 3}}]}, {"b": {"a": 4}, "a": 5}]"#
        let value = try JSONParser.parse(text, options: .strict)
        #expect(value[0]?["a"]?["b"] == 1)
        #expect(value[0]?["c"]?[0]?["b"]?["a"] == 3)
        #expect(value[1]?.objectValue?.keys == ["b", "a"])
        #expect(value[1]?["b"]?["a"] == 4)
    }

    @Test func escapedKeysEqualToPlainOnesAreDuplicates() throws {
        for text in [#"{"abc": 1, "a\u0062c": 2}"#, #"{"a\u0062c": 1, "abc": 2}"#, #"{"abcdefghijklmnopq": 1, "abcdefghijklmnop\u0071": 2}"#] {
            #expect(throws: JSONError.self) { try JSONParser.parse(text, options: .strict) }
            let object = try #require(try JSONParser.parse(text).objectValue)
            #expect(object.count == 1)
            #expect(object.values == [2])
        }
    }

    @Test func duplicatesBehindAReusedKeyAreFound() throws {
        let text = #"[{"id": 1, "name": "a"}, {"id": 2, "name": "b", "id": 3}]"#
        #expect(throws: JSONError.self) { try JSONParser.parse(text, options: .strict) }
        let second = try #require(try JSONParser.parse(text)[1]?.objectValue)
        #expect(second.keys == ["name", "id"])
        #expect(second["id"] == 3)
    }

    @Test func longDuplicateKeysWithTheSameShapeAreCompared() throws {
        let long = String(repeating: "q", count: 40)
        var other = Array(long.utf8)
        other[20] = UInt8(ascii: "r")
        let lookalike = String(decoding: other, as: UTF8.self)
        #expect(throws: Never.self) { try JSONParser.parse("{\"\(long)\": 1, \"\(lookalike)\": 2}", options: .strict) }
        #expect(throws: JSONError.self) { try JSONParser.parse("{\"\(long)\": 1, \"\(long)\": 2}", options: .strict) }
    }

    @Test func stringsAroundTheInlineLimit() throws {
        for length in 13...18 {
            let ascii = String(repeating: "s", count: length)
            let accented = String(repeating: "é", count: length / 2)
            let value = try JSONParser.parse("[\"\(ascii)\", \"\(accented)\", \"\(ascii)\\n\"]")
            #expect(value == [.string(ascii), .string(accented), .string(ascii + "\n")])
        }
    }
}
