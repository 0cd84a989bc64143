/// Encodes `Encodable` values to JSON through ``JSONValue`` and ``JSONSerializer``.
///
/// Numbers are written as Swift writes them (`Double` as the shortest text that reads
/// back the same); infinities and NaN throw `EncodingError.invalidValue`, because JSON
/// cannot express them (RFC 8259 §6). A ``JSONValue`` inside an encoded value is written
/// as is, numbers' source text included. Members keep the order in which they were
/// encoded; set ``sortedKeys`` for output that does not depend on `Dictionary` order.
///
/// ```swift
/// let bytes = try StrictJSONEncoder().encode(["instances": [[1.0, 2.0]]])
/// ```
public struct StrictJSONEncoder: Sendable {
    /// Whether to write the indented form (see ``JSONSerializer``).
    public var pretty: Bool
    /// Whether to order every object's members by key (by Unicode scalar values).
    public var sortedKeys: Bool
    /// Values for `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates an encoder; compact and in encoding order by default.
    public init(pretty: Bool = false, sortedKeys: Bool = false, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
        self.userInfo = userInfo
    }

    /// The JSON text of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        JSONSerializer(pretty: pretty).serialize(try encodeToValue(value))
    }

    /// `value` as a ``JSONValue`` tree.
    public func encodeToValue<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONValueEncoder(node: EncodingNode(), codingPath: [], userInfo: userInfo)
        try encoder.box(value)
        return encoder.node.value(sortedKeys: sortedKeys)
    }
}
