extension JSONValue {
    /// The JSON text of this value in UTF-8; compact unless `pretty`. See ``JSONSerializer``.
    public func serialized(pretty: Bool = false) -> [UInt8] {
        JSONSerializer(pretty: pretty).serialize(self)
    }

    /// The compact JSON text of this value.
    public var jsonString: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of this value.
    public var description: String { jsonString }
}
