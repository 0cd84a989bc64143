public import StrictJSON

/// What the JSON readers and the decoder promise about one document: the readers' checks are
/// shared by the mutation fuzz tests and the `json-parse` fuzz target, the decoder's by the
/// byte-decoding tests and the `json-decode` fuzz target.
public enum JSONInvariants {
    /// Checks one document; true when it parses.
    ///
    /// The validator, the streaming validator (fed `bytes` cut at `chunks`), the parser and
    /// the spans reader accept the same documents and report the same error; a parsed value
    /// serialises (compact and pretty) to text that parses back to an equal value and
    /// serialises to the same bytes.
    @discardableResult
    public static func checkReaders(
        _ bytes: [UInt8], options: JSONOptions, chunks: [Range<Int>], into recorder: inout some InvariantRecorder
    ) -> Bool {
        let validated = Result { () throws(JSONError) in try JSONValidator.validate(bytes, options: options) }
        let parsed = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: options) }
        var streaming = StreamingJSONValidator(options: options)
        let streamed = Result { () throws(JSONError) in
            for range in chunks { try streaming.consume(bytes[range]) }
            try streaming.finish()
        }
        recorder.check(errorOf(validated) == errorOf(streamed), "validator: \(validated); streaming validator: \(streamed)")
        recorder.check(errorOf(validated) == errorOf(parsed), "validator: \(validated); parser: \(parsed)")
        let span = Result { () throws(JSONError) in try JSONSpans.value(in: bytes, options: options) }
        recorder.check(errorOf(validated) == errorOf(span), "validator: \(validated); spans: \(span)")

        guard case .success(let value) = parsed else { return false }
        checkRoundTrip(value, options: options, into: &recorder)
        return true
    }

    /// A parsed value serialises (compact and pretty) to text that parses back to an equal
    /// value and serialises to the same bytes.
    public static func checkRoundTrip(_ value: JSONValue, options: JSONOptions, into recorder: inout some InvariantRecorder) {
        // Serialised text is plain RFC 8259 (no BOM, no lone surrogates), so it needs the
        // defaults only; it is no deeper than the value, and may be longer than maxSize, so lift that.
        var reading = JSONOptions(maxDepth: options.maxDepth, maxSize: nil)
        reading.duplicateKeys = options.duplicateKeys
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let again = try? JSONParser.parse(text, options: reading)
            recorder.check(
                again == value,
                "serialised text (pretty: \(pretty)) parses to \(String(describing: again)), not the value: \(String(decoding: text, as: UTF8.self))")
            recorder.check(again?.serialized(pretty: pretty) == text, "serialising is not a fixed point (pretty: \(pretty))")
        }
    }

    /// `StrictJSONDecoder` reading straight from the bytes decodes as reading the parsed tree:
    /// decodes `bytes` as `type` from the bytes and from the parsed tree. Both accept the same
    /// documents (a rejected document fails with the parser's error) and decode the same
    /// value, or fail with the same coding path and message.
    public static func checkDecoding<T: Decodable & Equatable>(
        _ type: T.Type, _ bytes: [UInt8], decoder: StrictJSONDecoder, into recorder: inout some InvariantRecorder
    ) {
        let tree = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: decoder.options) }
        let fromBytes = Result { try decoder.decode(type, from: bytes) }
        switch (tree, fromBytes) {
        case (.failure(let parserError), .failure(let error)):
            recorder.check(error as? JSONError == parserError, "parser says \(parserError), byte decoder says \(error)")
        case (.failure(let parserError), .success):
            recorder.check(false, "parser rejects (\(parserError)), byte decoder accepts")
        case (.success(let value), _):
            let fromTree = Result { try decoder.decode(type, from: value) }
            switch (fromTree, fromBytes) {
            case (.success(let expected), .success(let actual)):
                recorder.check(expected == actual, "tree decodes \(expected), bytes decode \(actual)")
            case (.failure(let expected), .failure(let actual)):
                recorder.check(decodingMessage(expected) == decodingMessage(actual), "tree fails with \(expected), bytes fail with \(actual)")
            default:
                recorder.check(false, "tree \(fromTree), bytes \(fromBytes)")
            }
        }
    }

    /// A decoding error's coding path and description, or the error itself for other errors.
    private static func decodingMessage(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue)) \(context.debugDescription)"
        default: "\(error)"
        }
    }

    /// Any JSON value, read only through the containers' generic calls (`allKeys`,
    /// `decodeNil`, scalars, nested values), through the container its first byte calls for.
    public indirect enum Walked: Decodable, Equatable, Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number that fits `Int64`.
        case integer(Int64)
        /// Any other number.
        case double(Double)
        /// A string.
        case string(String)
        /// An array.
        case array([Walked])
        /// An object, with its keys in the order `allKeys` gives them.
        case object([String: Walked], keys: [String])

        /// Reads a value through whichever container fits.
        public init(from decoder: any Decoder) throws {
            if let container = try? decoder.singleValueContainer() {
                if container.decodeNil() {
                    self = .null
                    return
                }
                if let bool = try? container.decode(Bool.self) {
                    self = .bool(bool)
                    return
                }
                if let integer = try? container.decode(Int64.self) {
                    self = .integer(integer)
                    return
                }
                if let double = try? container.decode(Double.self) {
                    self = .double(double)
                    return
                }
                if let string = try? container.decode(String.self) {
                    self = .string(string)
                    return
                }
            }
            if var array = try? decoder.unkeyedContainer() {
                var elements: [Walked] = []
                while !array.isAtEnd { elements.append(try array.decode(Walked.self)) }
                self = .array(elements)
                return
            }
            let object = try decoder.container(keyedBy: AnyKey.self)
            var members: [String: Walked] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(Walked.self, forKey: key) }
            self = .object(members, keys: object.allKeys.map(\.stringValue))
        }

        /// Any member name.
        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// A record read by fixed names, in and out of order, with a second key type and a nested
    /// record; as `[Record]` it keeps containers across records, which the byte decoder's
    /// member tables (and the names they remember from one record to the next) must survive.
    public struct Record: Decodable, Equatable, Sendable {
        /// What one question to a container answered.
        public enum Answer: Equatable, Sendable {
            /// The read threw.
            case failed
            /// The member is absent.
            case absent
            /// The member's value.
            case value(Walked)
            /// How many keys the container has.
            case count(Int)
            /// Whether the container has a key.
            case contains(Bool)

            init(_ read: () throws -> Walked?) {
                do {
                    self = try read().map(Answer.value) ?? .absent
                } catch {
                    self = .failed
                }
            }
        }

        /// Every answer, this record's then its nested record's.
        public var answers: [Answer]

        private enum Keys: String, CodingKey { case a, b, id, name, k = "K", kelvin = "\u{212A}", nested, longerThanEightBytes }
        private enum Other: String, CodingKey { case b, a, name }

        /// Asks the record's containers a fixed list of questions.
        public init(from decoder: any Decoder) throws {
            let keyed = try decoder.container(keyedBy: Keys.self)
            let nested = try keyed.decodeIfPresent(Record.self, forKey: .nested)
            let other = try decoder.container(keyedBy: Other.self)
            var answers: [Answer] = []
            for key in [Keys.a, .id, .name, .kelvin, .k, .b, .longerThanEightBytes, .a] {
                answers.append(Answer { try keyed.decodeIfPresent(Walked.self, forKey: key) })
            }
            for key in [Other.name, .b, .a] {
                answers.append(Answer { try other.decodeIfPresent(Walked.self, forKey: key) })
            }
            answers.append(.count(keyed.allKeys.count))
            answers.append(.contains(keyed.contains(.kelvin)))
            self.answers = answers + (nested?.answers ?? [])
        }
    }

    /// The error of a result, or nil for success; so two results compare as "same acceptance, same error".
    private static func errorOf<T>(_ result: Result<T, JSONError>) -> JSONError? {
        if case .failure(let error) = result { error } else { nil }
    }
}
