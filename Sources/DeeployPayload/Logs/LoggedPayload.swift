public import StrictJSON

/// A body as a request log keeps it: JSON as its exact bytes, anything else as a
/// ``BinaryObject``. Either way no byte is lost.
public enum LoggedPayload: Sendable, Hashable {
    /// A body whose type is JSON and whose bytes are valid JSON, kept byte for byte.
    case json(bytes: [UInt8], mediaType: MediaType)
    /// A body whose type is not JSON, or that claims JSON but is not valid JSON.
    case binary(BinaryObject)

    /// The original bytes.
    public var bytes: [UInt8] {
        switch self {
        case .json(let bytes, _): bytes
        case .binary(let object): object.bytes
        }
    }

    /// The media type the body was logged under.
    public var mediaType: MediaType {
        switch self {
        case .json(_, let mediaType): mediaType
        case .binary(let object): object.mediaType
        }
    }

    /// Whether the body is kept as JSON.
    public var isJSON: Bool {
        if case .json = self { true } else { false }
    }

    /// The binary object record, for ``binary(_:)``.
    public var binaryObject: BinaryObject? {
        if case .binary(let object) = self { object } else { nil }
    }

    /// The JSON body parsed into a tree, or `nil` for a binary body. Parsing happens on each
    /// call, so a large body becomes a tree only when asked.
    public func json(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard case .json(let bytes, _) = self else { return nil }
        return try JSONParser.parse(bytes, options: options)
    }
}
