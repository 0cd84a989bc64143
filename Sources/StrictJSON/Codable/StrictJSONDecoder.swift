/// Decodes `Decodable` types from JSON through ``JSONParser``, never through Foundation.
///
/// Syntax errors are thrown as ``JSONError``; shape errors as `DecodingError`, whose
/// `debugDescription` starts with the coding path (`at items[3].price: expected a
/// number for Double, found string "x"`). Integers decode only when the number is an
/// integer in range (`1.0` is one, `1.5` is not); `Double` and `Float` take the nearest
/// value and reject numbers too large for them; ``JSONValue`` decodes as the value itself.
///
/// ```swift
/// struct Item: Decodable { var name: String; var price: Double }
/// let items = try StrictJSONDecoder().decode([Item].self, from: bytes)
/// ```
public struct StrictJSONDecoder: Sendable {
    /// The options for the parser, including the duplicate-key policy.
    public var options: JSONOptions
    /// Values for `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder.
    public init(options: JSONOptions = .init(), userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.options = options
        self.userInfo = userInfo
    }

    /// Validates `bytes` and decodes a `T` straight from them, without building a tree.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        // `.reject` must look at every object, including members no type asks for, which
        // only the parser does; the byte decoder applies the other policies as it reads.
        if options.duplicateKeys == .reject || type == JSONValue.self {
            return try decode(type, from: JSONParser.parse(bytes, options: options))
        }
        let (options, userInfo) = (options, userInfo as [CodingUserInfoKey: Any])
        var outcome: Result<T, any Error>?
        bytes.withContiguousStorageIfAvailable { buffer in
            outcome = Result { try JSONBytesDecoder.decode(type, from: UnsafeRawBufferPointer(buffer), options: options, userInfo: userInfo) }
        }
        if let outcome { return try outcome.get() }
        return try Array(bytes).withUnsafeBytes { try JSONBytesDecoder.decode(type, from: $0, options: options, userInfo: userInfo) }
    }

    /// Decodes a `T` from an already parsed value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder(value: value, codingPath: [], userInfo: userInfo).unbox(type)
    }
}
