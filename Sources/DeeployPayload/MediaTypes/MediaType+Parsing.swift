// The WHATWG MIME Sniffing standard's parsing and serialising of media types, and the
// conformances built on them.

extension MediaType {
    /// The WHATWG MIME Sniffing standard's "parse a MIME type", step by step, on UTF-8 bytes.
    ///
    /// <https://mimesniff.spec.whatwg.org/#parsing-a-mime-type>. Comments name the standard's steps.
    /// Where the standard returns failure, this returns the ``MediaTypeError`` saying which step
    /// failed and at which byte.
    enum Parser {
        private static let slash = UInt8(ascii: "/")
        private static let semicolon = UInt8(ascii: ";")
        private static let equals = UInt8(ascii: "=")
        private static let quote = UInt8(ascii: "\"")
        private static let backslash = UInt8(ascii: "\\")

        /// Parses `input`, or says why it is not a MIME type.
        static func parse(_ input: String) -> Result<MediaType, MediaTypeError> {
            if let result = input.utf8.withContiguousStorageIfAvailable(parse(bytes:)) {
                return result
            }
            return Array(input.utf8).withUnsafeBufferPointer(parse(bytes:))
        }

        /// Parses the UTF-8 bytes of a string.
        ///
        /// Invariant: every index read is checked against `end`, and `end <= bytes.count`.
        static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<MediaType, MediaTypeError> {
            // 1. Remove leading and trailing HTTP whitespace.
            var start = 0
            var end = bytes.count
            while start < end, HTTPCodePoint.isWhitespace(bytes[start]) { start += 1 }
            while end > start, HTTPCodePoint.isWhitespace(bytes[end - 1]) { end -= 1 }
            guard start < end else { return .failure(.empty) }

            // 2-3. Collect the type: code points that are not "/".
            var position = start
            while position < end, bytes[position] != slash { position += 1 }
            let typeRange = start..<position

            // 4. The type must be a non-empty token.
            if typeRange.isEmpty { return .failure(.emptyType(at: start)) }
            if let bad = HTTPCodePoint.firstNonToken(in: bytes, typeRange) {
                return .failure(invalid(bytes, at: bad, isType: true))
            }

            // 5-6. A "/" must follow; skip it.
            guard position < end else { return .failure(.missingSlash(at: end)) }
            position += 1

            // 7-8. Collect the subtype up to ";" and remove trailing HTTP whitespace.
            let subtypeStart = position
            while position < end, bytes[position] != semicolon { position += 1 }
            var subtypeEnd = position
            while subtypeEnd > subtypeStart, HTTPCodePoint.isWhitespace(bytes[subtypeEnd - 1]) { subtypeEnd -= 1 }

            // 9. The subtype must be a non-empty token.
            if subtypeStart == subtypeEnd { return .failure(.emptySubtype(at: subtypeStart)) }
            if let bad = HTTPCodePoint.firstNonToken(in: bytes, subtypeStart..<subtypeEnd) {
                return .failure(invalid(bytes, at: bad, isType: false))
            }

            // 10. Type and subtype in ASCII lowercase.
            let type = lowercasedString(bytes, typeRange)
            let subtype = lowercasedString(bytes, subtypeStart..<subtypeEnd)

            // 11. Parameters.
            var parameters: [Parameter] = []
            while position < end {
                // 11.1-11.2. Skip ";" and HTTP whitespace.
                position += 1
                while position < end, HTTPCodePoint.isWhitespace(bytes[position]) { position += 1 }

                // 11.3-11.4. The name runs to ";" or "=".
                let nameStart = position
                while position < end, bytes[position] != semicolon, bytes[position] != equals { position += 1 }
                let nameRange = nameStart..<position

                // 11.5. A ";" ends a parameter without a value; skip "=".
                if position < end {
                    if bytes[position] == semicolon { continue }
                    position += 1
                }
                // 11.6.
                if position >= end { break }

                // 11.7-11.9. A quoted value (and anything after it up to ";"), or a bare value.
                let value: String
                if bytes[position] == quote {
                    value = collectQuotedString(bytes, &position, end)
                    while position < end, bytes[position] != semicolon { position += 1 }
                } else {
                    let valueStart = position
                    while position < end, bytes[position] != semicolon { position += 1 }
                    var valueEnd = position
                    while valueEnd > valueStart, HTTPCodePoint.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
                    if valueStart == valueEnd { continue }
                    value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
                }

                // 11.10. Keep only a valid name with a valid value, and only the first of a name.
                guard !nameRange.isEmpty,
                    HTTPCodePoint.firstNonToken(in: bytes, nameRange) == nil,
                    HTTPCodePoint.firstNonQuotedStringToken(in: value.utf8) == nil
                else { continue }
                let name = lowercasedString(bytes, nameRange)
                if !parameters.contains(where: { $0.name == name }) {
                    parameters.append(Parameter(uncheckedName: name, value: value))
                }
            }

            return .success(
                MediaType(uncheckedType: type, subtype: subtype, parameters: Parameters(unchecked: parameters))
            )
        }

        /// Fetch's "collect an HTTP quoted string" with extract-value set
        /// (<https://fetch.spec.whatwg.org/#collect-an-http-quoted-string>).
        ///
        /// `position` is at the opening quote and ends after the closing quote, or at `end`. An escape
        /// copies the next code point's first byte; its continuation bytes are never `"` or `\`, so
        /// the following scan copies them too.
        private static func collectQuotedString(
            _ bytes: UnsafeBufferPointer<UInt8>,
            _ position: inout Int,
            _ end: Int
        ) -> String {
            position += 1
            // Most quoted values have no escapes: take them as one slice without copying byte by byte.
            let valueStart = position
            var scan = position
            while scan < end, bytes[scan] != quote, bytes[scan] != backslash { scan += 1 }
            if scan == end || bytes[scan] == quote {
                position = scan == end ? end : scan + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<scan]), as: UTF8.self)
            }
            var value: [UInt8] = []
            while true {
                while position < end, bytes[position] != quote, bytes[position] != backslash {
                    value.append(bytes[position])
                    position += 1
                }
                if position >= end { break }
                let quoteOrBackslash = bytes[position]
                position += 1
                guard quoteOrBackslash == backslash else { break }
                if position >= end {
                    value.append(backslash)
                    break
                }
                value.append(bytes[position])
                position += 1
            }
            return String(decoding: value, as: UTF8.self)
        }

        private static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            if !slice.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
                return String(decoding: slice, as: UTF8.self)
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { buffer in
                // Invariant: `buffer` has exactly `slice.count` elements, each written once below.
                for (index, byte) in slice.enumerated() {
                    buffer[index] = HTTPCodePoint.lowercased(byte)
                }
                return String(decoding: UnsafeBufferPointer(buffer), as: UTF8.self)
            }
        }

        private static func invalid(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, isType: Bool) -> MediaTypeError {
            let byte = bytes[offset]
            if HTTPCodePoint.isForbiddenInFieldValue(byte) {
                return .forbiddenCharacter(at: offset, byte: byte)
            }
            let found = Diagnostic.scalar(in: bytes, at: offset)
            return isType ? .invalidType(at: offset, found: found) : .invalidSubtype(at: offset, found: found)
        }
    }

    /// The WHATWG MIME Sniffing standard's "serialize a MIME type"
    /// (<https://mimesniff.spec.whatwg.org/#serializing-a-mime-type>).
    enum Serializer {
        /// `type/subtype` followed by `;name=value` for each parameter, in order.
        static func serialize(_ mediaType: MediaType) -> String {
            // Without parameters it is the essence, which a common type holds ready-made.
            guard !mediaType.parameters.isEmpty else { return mediaType.essence }
            var result = ""
            result.reserveCapacity(
                mediaType.type.utf8.count + mediaType.subtype.utf8.count + 1
                    + mediaType.parameters.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            )
            result += mediaType.type
            result += "/"
            result += mediaType.subtype
            for parameter in mediaType.parameters {
                result += ";"
                result += parameter.name
                result += "="
                appendValue(parameter.value, to: &result)
            }
            return result
        }

        /// Appends a parameter value, quoted only when it is empty or not an HTTP token, with `"`
        /// and `\` escaped inside quotes.
        static func appendValue(_ value: String, to result: inout String) {
            if HTTPCodePoint.isToken(value) {
                result += value
                return
            }
            result += "\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" {
                    result += "\\"
                }
                result.unicodeScalars.append(scalar)
            }
            result += "\""
        }
    }
}

extension MediaType: CustomStringConvertible, LosslessStringConvertible {
    /// The WHATWG serialisation: `type/subtype;name=value`, quoting values only when needed.
    public var description: String { Serializer.serialize(self) }
}

extension MediaType: Codable {
    /// Decodes a media type from a single string, which must parse.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        switch Parser.parse(string) {
        case .success(let value):
            self = value
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the media type as its serialisation, a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
