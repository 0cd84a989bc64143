#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `Encoder` that builds an ``EncodingNode`` tree.
final class JSONValueEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.node = node
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func child(_ node: EncodingNode, key: any CodingKey) -> JSONValueEncoder {
        JSONValueEncoder(node: node, codingPath: codingPath + [key], userInfo: userInfo)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// Encodes `value` into this encoder's node, with fast paths for JSON's own types.
    func box<T: Encodable>(_ value: T) throws {
        if let json = value as? JSONValue {
            node.content = .value(json)
        } else if let decimal = value as? Decimal {
            guard let number = JSONNumber(decimal) else { throw invalid(decimal, "Decimal.nan") }
            node.content = .value(.number(number))
        } else {
            try value.encode(to: self)
        }
    }

    func number(_ value: Double) throws -> JSONValue {
        guard let number = JSONNumber(value) else { throw invalid(value, "\(value)") }
        return .number(number)
    }

    func number(_ value: Float) throws -> JSONValue {
        guard let number = JSONNumber(value) else { throw invalid(value, "\(value)") }
        return .number(number)
    }

    private func invalid(_ value: Any, _ text: String) -> EncodingError {
        .invalidValue(
            value,
            .init(
                codingPath: codingPath,
                debugDescription: "at \(CodingPathDescription.describe(codingPath)): \(text) cannot be written as JSON, which has no infinities or NaN"))
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: JSONValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: JSONValue) { encoder.node.content = .value(value) }

        mutating func encodeNil() { set(.null) }
        mutating func encode(_ value: Bool) { set(.bool(value)) }
        mutating func encode(_ value: String) { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try encoder.number(value)) }
        mutating func encode(_ value: Float) throws { set(try encoder.number(value)) }
        mutating func encode(_ value: Int) { set(.number(JSONNumber(value))) }
        mutating func encode(_ value: Int8) { set(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int16) { set(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int32) { set(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int64) { set(.number(JSONNumber(value))) }
        mutating func encode(_ value: UInt) { set(.number(JSONNumber(UInt64(value)))) }
        mutating func encode(_ value: UInt8) { set(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: UInt16) { set(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: UInt32) { set(.number(JSONNumber(UInt64(value)))) }
        mutating func encode(_ value: UInt64) { set(.number(JSONNumber(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.box(value) }
    }
}
