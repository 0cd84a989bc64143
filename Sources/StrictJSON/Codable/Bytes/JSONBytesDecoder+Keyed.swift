extension JSONBytesDecoder {
    /// Members of an object, found by key in its member table.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: JSONBytesDecoder
        /// The object's `{`.
        let start: Int
        /// How much of the decoder's coding path is this container's.
        let depth: Int

        /// The object's member table, valid until the next container looks one up.
        private var members: ObjectMembers {
            _read { yield decoder.document.members(ofObjectAt: start, depth: depth).pointee }
        }

        var codingPath: [any CodingKey] { Array(decoder.codingPath.prefix(depth)) }

        var allKeys: [Key] {
            members.entries.compactMap { $0.isDropped ? nil : Key(stringValue: decoder.document.key($0)) }
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        /// The first byte of the member's value, or `nil`.
        private func find(_ key: Key) -> Int? {
            // Through the table's address: a copy of the table would retain its storage.
            let document = decoder.document
            let table = document.members(ofObjectAt: start, depth: depth)
            guard let position = table.pointee.position(of: key.stringValue, in: document) else { return nil }
            return table.pointee.entries[position].valueStart
        }

        private func valueStart(_ key: Key) throws -> Int {
            guard let start = find(key) else {
                let path = codingPath
                throw DecodingError.keyNotFound(
                    key,
                    .init(codingPath: path, debugDescription: "at \(CodingPathDescription.describe(path)): no member \(String(reflecting: key.stringValue))"))
            }
            return start
        }

        /// The value's start when the member exists and is not `null`.
        private func presentStart(_ key: Key) -> Int? {
            guard let start = find(key), !decoder.isNull(at: start) else { return nil }
            return start
        }

        private func path(_ key: Key) -> [any CodingKey] { decoder.path(depth, key) }

        func decodeNil(forKey key: Key) throws -> Bool { decoder.isNull(at: try valueStart(key)) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(at: valueStart(key), path(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(at: valueStart(key), path(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(at: valueStart(key), path(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.float(at: valueStart(key), path(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.integer(type, at: valueStart(key), path(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.integer(type, at: valueStart(key), path(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.unbox(type, at: valueStart(key), key: key, depth: depth)
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try presentStart(key).map { try decoder.bool(at: $0, path(key)) }
        }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try presentStart(key).map { try decoder.string(at: $0, path(key)) }
        }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            try presentStart(key).map { try decoder.double(at: $0, path(key)) }
        }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
            try presentStart(key).map { try decoder.float(at: $0, path(key)) }
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try presentStart(key).map { try decoder.integer(type, at: $0, path(key)) }
        }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            try presentStart(key).map { try decoder.integer(type, at: $0, path(key)) }
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try presentStart(key).map { try decoder.unbox(type, at: $0, key: key, depth: depth) }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.detached(at: valueStart(key), path: path(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try decoder.detached(at: valueStart(key), path: path(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            try memberDecoder(JSONCodingKey.super)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            try memberDecoder(key)
        }

        /// A decoder of its own for a member, or for `null` when there is no such member.
        private func memberDecoder(_ key: some CodingKey) throws -> any Decoder {
            let path = decoder.path(depth, key)
            let table = decoder.document.members(ofObjectAt: start, depth: depth)
            if let position = table.pointee.position(of: key.stringValue, in: decoder.document) {
                return decoder.detached(at: table.pointee.entries[position].valueStart, path: path)
            }
            let document = DecodingDocument(literal: "null", options: decoder.document.options, userInfo: decoder.document.userInfo)
            return JSONBytesDecoder(document: document, position: 0, codingPath: path)
        }
    }
}
