extension JSONValueEncoder {
    /// Writes members into the encoder's object node.
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: JSONValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: JSONValue, _ key: Key) {
            encoder.node.member(key.stringValue, replacing: EncodingNode(.value(value)))
        }

        mutating func encodeNil(forKey key: Key) { set(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            set(try encoder.child(EncodingNode(), key: key).number(value), key)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            set(try encoder.child(EncodingNode(), key: key).number(value), key)
        }
        mutating func encode(_ value: Int, forKey key: Key) { set(.number(JSONNumber(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) { set(.number(JSONNumber(Int(value))), key) }
        mutating func encode(_ value: Int16, forKey key: Key) { set(.number(JSONNumber(Int(value))), key) }
        mutating func encode(_ value: Int32, forKey key: Key) { set(.number(JSONNumber(Int(value))), key) }
        mutating func encode(_ value: Int64, forKey key: Key) { set(.number(JSONNumber(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) { set(.number(JSONNumber(UInt64(value))), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) { set(.number(JSONNumber(Int(value))), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) { set(.number(JSONNumber(Int(value))), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) { set(.number(JSONNumber(UInt64(value))), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) { set(.number(JSONNumber(value)), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let node = EncodingNode()
            try encoder.child(node, key: key).box(value)
            encoder.node.member(key.stringValue, replacing: node)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let node = encoder.node.member(key.stringValue, replacing: EncodingNode())
            return encoder.child(node, key: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let node = encoder.node.member(key.stringValue, replacing: EncodingNode())
            return encoder.child(node, key: key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            encoder.child(encoder.node.member("super", replacing: EncodingNode()), key: JSONCodingKey.super)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            encoder.child(encoder.node.member(key.stringValue, replacing: EncodingNode()), key: key)
        }
    }

    /// Appends elements to the encoder's array node.
    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: JSONValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { encoder.node.elementCount }

        private func append(_ value: JSONValue) { encoder.node.appendElement(EncodingNode(.value(value))) }
        private var nextKey: JSONCodingKey { JSONCodingKey(index: count) }

        mutating func encodeNil() { append(.null) }
        mutating func encode(_ value: Bool) { append(.bool(value)) }
        mutating func encode(_ value: String) { append(.string(value)) }
        mutating func encode(_ value: Double) throws { append(try encoder.child(EncodingNode(), key: nextKey).number(value)) }
        mutating func encode(_ value: Float) throws { append(try encoder.child(EncodingNode(), key: nextKey).number(value)) }
        mutating func encode(_ value: Int) { append(.number(JSONNumber(value))) }
        mutating func encode(_ value: Int8) { append(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int16) { append(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int32) { append(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: Int64) { append(.number(JSONNumber(value))) }
        mutating func encode(_ value: UInt) { append(.number(JSONNumber(UInt64(value)))) }
        mutating func encode(_ value: UInt8) { append(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: UInt16) { append(.number(JSONNumber(Int(value)))) }
        mutating func encode(_ value: UInt32) { append(.number(JSONNumber(UInt64(value)))) }
        mutating func encode(_ value: UInt64) { append(.number(JSONNumber(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let node = EncodingNode()
            try encoder.child(node, key: nextKey).box(value)
            encoder.node.appendElement(node)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let key = nextKey
            return encoder.child(encoder.node.appendElement(), key: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let key = nextKey
            return encoder.child(encoder.node.appendElement(), key: key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let key = nextKey
            return encoder.child(encoder.node.appendElement(), key: key)
        }
    }
}
