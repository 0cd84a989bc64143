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
