extension JSONValueDecoder {
    /// Elements of an array, read in order.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let array: [JSONValue]
        let decoder: JSONValueDecoder
        private(set) var currentIndex = 0

        init(array: [JSONValue], decoder: JSONValueDecoder) {
            self.array = array
            self.decoder = decoder
        }

        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { array.count }
        var isAtEnd: Bool { currentIndex >= array.count }

        private mutating func next(_ type: Any.Type) throws -> JSONValueDecoder {
            let index = currentIndex
            return decoder.child(try nextValue(type), key: JSONCodingKey(index: index))
        }

        private func path(_ index: Int) -> [any CodingKey] { codingPath + [JSONCodingKey(index: index)] }

        private mutating func nextValue(_ type: Any.Type) throws -> JSONValue {
            guard !isAtEnd else {
                let key = JSONCodingKey(index: currentIndex)
                let path = codingPath + [key]
                throw DecodingError.valueNotFound(
                    type,
                    .init(
                        codingPath: path,
                        debugDescription: "at \(CodingPathDescription.describe(path)): expected \(type), but the array has only \(array.count) elements"))
            }
            currentIndex += 1
            return array[currentIndex - 1]
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, array[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try JSONValueDecoder.bool(nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: String.Type) throws -> String { try JSONValueDecoder.string(nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Double.Type) throws -> Double { try JSONValueDecoder.double(nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Float.Type) throws -> Float { try JSONValueDecoder.float(nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Int.Type) throws -> Int { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONValueDecoder.integer(type, nextValue(type), path(currentIndex - 1)) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).unbox(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next([String: JSONValue].self).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next([JSONValue].self).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            try next(JSONValue.self)
        }
    }
}
