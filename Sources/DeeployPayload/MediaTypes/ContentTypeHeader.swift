public import HTTPTypes

/// Turns the `Content-Type` values a client sent into the one media type Deeploy should see.
///
/// - No `Content-Type` means the `absent` type given, by default Deeploy's:
///   ``AcceptancePolicy/defaultContentType`` of ``AcceptancePolicy/deeploy``, `application/json`.
/// - One value is parsed with the WHATWG algorithm (see ``MediaType``) and comes back
///   normalised; its ``MediaType/description`` is the value to forward.
/// - Several values are accepted only when they normalise to equal media types; otherwise the
///   request is ambiguous and ``HeaderError/conflictingContentTypes(_:)`` is thrown.
/// - A value with CR, LF or NUL is an error, never legalised (RFC 9110 §5.5): these headers decide
///   what code runs on the other side.
public enum ContentTypeHeader {
    /// The header's name as it appears in messages.
    public static let name = "Content-Type"

    /// Normalises `Content-Type` values exactly as received from the wire, in order; `absent`
    /// when there are none.
    ///
    /// Use this when holding the raw strings: swift-http-types' `HTTPField(name:value:)` already
    /// replaces CR, LF and NUL with spaces, which would hide them from this check.
    public static func normalize(
        _ rawValues: [String],
        absent: MediaType = AcceptancePolicy.deeploy.defaultContentType
    ) throws(HeaderError) -> MediaType {
        guard let first = rawValues.first else { return absent }
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
        switch MediaType.Parser.parse(value) {
        case .success(let mediaType):
            return mediaType
        case .failure(let reason):
            throw .invalidMediaType(header: name, fieldIndex: fieldIndex, value: value, reason: reason)
        }
    }
}

/// Why a request's header fields cannot be turned into the headers Deeploy expects.
///
/// Each case names the header and, where there are several fields of that name, which one
/// (`fieldIndex`, counted from 0 in the order received).
public enum HeaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field value contains CR, LF or NUL. RFC 9110 §5.5 calls these invalid and dangerous; a
    /// header that decides how the other side interprets a body is rejected rather than
    /// silently legalised.
    case forbiddenCharacter(header: String, fieldIndex: Int, offset: Int, byte: UInt8)
    /// A field value is not a media type.
    case invalidMediaType(header: String, fieldIndex: Int, value: String, reason: MediaTypeError)
    /// Several `Content-Type` fields that do not normalise to the same media type: the request
    /// is ambiguous and a gateway must not guess. Holds the values as received.
    case conflictingContentTypes([String])

    /// What was wrong, where, and what would be accepted.
    public var description: String {
        switch self {
        case .forbiddenCharacter(let header, let fieldIndex, let offset, let byte):
            return "\(header) field \(fieldIndex + 1) contains \(Diagnostic.describe(byte: byte)) at byte \(offset); "
                + "CR, LF and NUL are never accepted in a header value (RFC 9110 §5.5). "
                + "Send the value on one line without control characters, for example application/json."
        case .invalidMediaType(let header, let fieldIndex, let value, let reason):
            return "\(header) field \(fieldIndex + 1) is not a media type: \(Diagnostic.quoted(value)). "
                + reason.description
        case .conflictingContentTypes(let values):
            return "The request has \(values.count) Content-Type fields that disagree ("
                + values.map { Diagnostic.quoted($0) }.joined(separator: ", ")
                + "); a gateway must not guess which one the body has. Send exactly one Content-Type field."
        }
    }
}

extension HTTPFields {
    /// The media type of the body these fields describe, as Deeploy sees it: `absent` (by
    /// default `application/json`) when there is no `Content-Type`, the normalised value
    /// otherwise, or an error for values that conflict or are not media types (see
    /// ``ContentTypeHeader``).
    ///
    /// `HTTPField` replaces CR, LF and NUL with spaces when a field is created, so those can no
    /// longer be detected here; call ``ContentTypeHeader/normalize(_:absent:)`` with the raw
    /// strings where they are still available.
    public func deeployContentType(
        absent: MediaType = AcceptancePolicy.deeploy.defaultContentType
    ) throws(HeaderError) -> MediaType {
        try ContentTypeHeader.normalize(self[values: .contentType], absent: absent)
    }
}
