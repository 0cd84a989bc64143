extension JSONBytesDecoder {
    /// Elements of an array, read in order by moving over the bytes.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: JSONBytesDecoder
        /// The array's `[`.
        let start: Int
        /// The next element's first byte, or the array's `]`.
        private var next: Int
        private(set) var currentIndex = 0
        /// How much of the decoder's coding path is this container's.
        private let depth: Int

        init(decoder: JSONBytesDecoder, start: Int, depth: Int) {
            self.decoder = decoder
            self.start = start
            self.depth = depth
            next = decoder.document.skipWhitespace(from: start + 1)
            if decoder.document.byte(next) == 0x5D { decoder.document.remember(start, next + 1) }
        }

        var codingPath: [any CodingKey] { Array(decoder.codingPath.prefix(depth)) }
        var isAtEnd: Bool { decoder.document.byte(next) == 0x5D }

        /// Counts the elements by stepping over them; nothing in the standard library asks.
        var count: Int? {
            let document = decoder.document
            var p = document.skipWhitespace(from: start + 1)
            var count = 0
            while document.byte(p) != 0x5D {
                count += 1
                p = document.skipWhitespace(from: document.valueEnd(from: p))
                if document.byte(p) == 0x2C { p = document.skipWhitespace(from: p + 1) }
            }
            return count
        }

        /// The next element's start; throws past the end, as the tree decoder does.
        private func element(_ type: Any.Type) throws -> Int {
            guard !isAtEnd else {
                let path = decoder.path(depth, JSONCodingKey(index: currentIndex))
                throw DecodingError.valueNotFound(
                    type,
                    .init(
                        codingPath: path,
                        debugDescription: "at \(CodingPathDescription.describe(path)): expected \(type), but the array has only \(currentIndex) elements"))
            }
            return next
        }

        /// Moves past the element at `next`.
        private mutating func advance() {
            let document = decoder.document
            var p = document.skipWhitespace(from: document.valueEnd(from: next))
            if document.byte(p) == 0x2C {
                p = document.skipWhitespace(from: p + 1)
            } else {
                document.remember(start, p + 1)
            }
            next = p
            currentIndex += 1
        }

        private func path() -> [any CodingKey] { decoder.path(depth, JSONCodingKey(index: currentIndex)) }

        /// Reads the next element with `body`, which gets the decoder, the element's start and its path for errors.
        private mutating func read<T>(_ type: Any.Type, _ body: (JSONBytesDecoder, Int, () -> [any CodingKey]) throws -> T) throws -> T {
            let (decoder, depth, index) = (decoder, depth, currentIndex)
            let value = try body(decoder, element(type)) { decoder.path(depth, JSONCodingKey(index: index)) }
            advance()
            return value
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, decoder.isNull(at: next) else { return false }
            advance()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try read(type) { try $0.bool(at: $1, $2()) } }
        mutating func decode(_ type: String.Type) throws -> String { try read(type) { try $0.string(at: $1, $2()) } }
        mutating func decode(_ type: Double.Type) throws -> Double { try read(type) { try $0.double(at: $1, $2()) } }
        mutating func decode(_ type: Float.Type) throws -> Float { try read(type) { try $0.float(at: $1, $2()) } }
        mutating func decode(_ type: Int.Type) throws -> Int { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) { try $0.integer(type, at: $1, $2()) } }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) { try $0.integer(type, at: $1, $2()) } }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let key = JSONCodingKey(index: currentIndex)
            let depth = depth
            return try read(type) { decoder, start, _ in try decoder.unbox(type, at: start, key: key, depth: depth) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let path = path()
            return try read([String: JSONValue].self) { decoder, start, _ in
                try decoder.detached(at: start, path: path).container(keyedBy: type)
            }
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let path = path()
            return try read([JSONValue].self) { decoder, start, _ in try decoder.detached(at: start, path: path).unkeyedContainer() }
        }

        mutating func superDecoder() throws -> any Decoder {
            let path = path()
            return try read(JSONValue.self) { decoder, start, _ in decoder.detached(at: start, path: path) }
        }
    }
}
