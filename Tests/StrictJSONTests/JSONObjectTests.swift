import StrictJSON
import Testing

@Suite struct JSONObjectTests {
    @Test func keepsInsertionOrder() {
        var object: JSONObject = ["z": 1, "a": 2]
        object["m"] = 3
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.values == [1, 2, 3])
    }

    @Test func repeatedLiteralKeysKeepTheLast() {
        let object = JSONObject([(key: "a", value: 1), (key: "b", value: 2), (key: "a", value: 3)])
        #expect(object.keys == ["b", "a"])
        #expect(object["a"] == 3)
    }

    @Test func settingNilRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = nil
        #expect(object.keys == ["b"])
        #expect(object.removeValue(forKey: "b") == 2)
        #expect(object.isEmpty)
    }

    @Test func equalityIgnoresOrder() {
        let left: JSONObject = ["a": 1, "b": [true]]
        let right: JSONObject = ["b": [true], "a": 1.0]
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(left != ["a": 1, "b": [false]])
        #expect(left != ["a": 1])
    }

    @Test func largeObjectsStayIndexedThroughEdits() {
        var object = JSONObject()
        for index in 0..<50 { object["k\(index)"] = .number(JSONNumber(index)) }
        object["k10"] = nil
        object["k60"] = "new"
        #expect(object["k10"] == nil)
        #expect(object["k11"] == 11)
        #expect(object["k60"] == "new")
        #expect(object.index(forKey: "k60") == 49)
    }

    @Test func valueAccessorsReturnNilForOtherTypes() {
        let value: JSONValue = ["a": [1, "x"]]
        #expect(value["a"]?[1]?.stringValue == "x")
        #expect(value["a"]?[2] == nil)
        #expect(value[0] == nil)
        #expect(value["a"]?["b"] == nil)
        #expect(value.arrayValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.number(3).doubleValue == 3)
        #expect(value.typeName == "object")
    }
}
