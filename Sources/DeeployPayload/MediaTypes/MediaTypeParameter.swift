/// One `name=value` parameter of a media type.
///
/// The name is in ASCII lowercase; the value is exactly as given, after quoted-string escapes
/// were removed (WHATWG MIME Sniffing, "parse a MIME type").
public struct MediaTypeParameter: Sendable, Hashable {
    /// The parameter name, in ASCII lowercase, for example `charset`.
    public let name: String
    /// The parameter value as given (case preserved), without quotes or escapes.
    public let value: String

    init(uncheckedName name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension MediaTypeParameter: CustomStringConvertible {
    /// The parameter as it is serialised: `name=value`, quoting the value only when needed.
    public var description: String {
        var result = name + "="
        MediaTypeSerializer.appendValue(value, to: &result)
        return result
    }
}
