/// Turns the `Content-Type` values a client sent into the one media type Deeploy should see.
///
/// - No `Content-Type` means `application/json`, Deeploy's default.
/// - One value is parsed with the WHATWG algorithm (see ``MediaType``) and comes back
///   normalised; its ``MediaType/description`` is the value to forward.
/// - Several values are accepted only when they normalise to equal media types; otherwise the
///   request is ambiguous and ``HeaderError/conflictingContentTypes(_:)`` is thrown.
/// - A value with CR, LF or NUL is an error, never legalised (RFC 9110 §5.5): these headers decide
///   what code runs on the other side.
public enum ContentTypeHeader {
    /// The header's name as it appears in messages.
    public static let name = "Content-Type"

    /// Normalises `Content-Type` values exactly as received from the wire, in order.
    ///
    /// Use this when holding the raw strings: swift-http-types' `HTTPField(name:value:)` already
    /// replaces CR, LF and NUL with spaces, which would hide them from this check.
    public static func normalize(_ rawValues: [String]) throws(HeaderError) -> MediaType {
        guard let first = rawValues.first else { return .applicationJSON }
        let normalized = try parse(first, fieldIndex: 0)
        for (index, value) in rawValues.enumerated().dropFirst() {
            if try parse(value, fieldIndex: index) != normalized {
                throw .conflictingContentTypes(rawValues)
            }
        }
        return normalized
    }

    private static func parse(_ value: String, fieldIndex: Int) throws(HeaderError) -> MediaType {
        if let offset = value.utf8.firstIndex(where: HTTPCodePoint.isForbiddenInFieldValue) {
            throw .forbiddenCharacter(
                header: name,
                fieldIndex: fieldIndex,
                offset: value.utf8.distance(from: value.utf8.startIndex, to: offset),
                byte: value.utf8[offset]
            )
        }
        switch MediaTypeParser.parse(value) {
        case .success(let mediaType):
            return mediaType
        case .failure(let reason):
            throw .invalidMediaType(header: name, fieldIndex: fieldIndex, value: value, reason: reason)
        }
    }
}
