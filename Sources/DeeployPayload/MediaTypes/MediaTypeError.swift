/// Why a string is not a media type, or why a media type cannot be built from given parts.
///
/// Offsets are UTF-8 byte offsets into the string that was parsed, counted from its first byte
/// (before leading whitespace is removed). For ``MediaType/init(type:subtype:parameters:)`` they
/// count into the part that was rejected.
///
/// The rules are those of the WHATWG MIME Sniffing standard, "parse a MIME type"
/// (<https://mimesniff.spec.whatwg.org/#parsing-a-mime-type>).
public enum MediaTypeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The string is empty or holds only HTTP whitespace (space, tab, CR, LF).
    case empty
    /// The string has no type before its `/`.
    case emptyType(at: Int)
    /// The type has a code point that is not an HTTP token code point.
    case invalidType(at: Int, found: Unicode.Scalar)
    /// The type is not followed by `/`.
    case missingSlash(at: Int)
    /// Nothing but whitespace follows the `/` before the parameters or the end.
    case emptySubtype(at: Int)
    /// The subtype has a code point that is not an HTTP token code point.
    case invalidSubtype(at: Int, found: Unicode.Scalar)
    /// The type or subtype contains CR, LF or NUL: the characters that split or truncate a
    /// header line (RFC 9110 §5.5).
    case forbiddenCharacter(at: Int, byte: UInt8)
    /// A parameter name given in code is empty or not an HTTP token.
    case invalidParameterName(String)
    /// A parameter value given in code has a code point outside the HTTP quoted-string token
    /// code points (tab, U+0020 to U+007E, U+0080 to U+00FF).
    case invalidParameterValue(name: String, at: Int, found: Unicode.Scalar)
    /// A parameter name given in code appears twice (names compare case-insensitively).
    case duplicateParameter(String)

    private static let tokenRule =
        "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (an HTTP token, RFC 9110 §5.6.2)"

    /// What was wrong, where, and what would be accepted.
    public var description: String {
        switch self {
        case .empty:
            return "The media type is empty; expected type/subtype, for example application/json."
        case .emptyType(let offset):
            return "The media type has no type before '/' at byte \(offset); "
                + "expected type/subtype, for example application/json."
        case .invalidType(let offset, let found):
            return "The media type's type has \(Diagnostic.describe(found)) at byte \(offset); "
                + "a type may contain only \(Self.tokenRule)."
        case .missingSlash(let offset):
            return "The media type has no '/' after its type (expected at byte \(offset)); "
                + "expected type/subtype, for example application/json."
        case .emptySubtype(let offset):
            return "The media type has no subtype after '/' (at byte \(offset)); "
                + "expected type/subtype, for example application/json."
        case .invalidSubtype(let offset, let found):
            return "The media type's subtype has \(Diagnostic.describe(found)) at byte \(offset); "
                + "a subtype may contain only \(Self.tokenRule), then optional ;name=value parameters."
        case .forbiddenCharacter(let offset, let byte):
            return "The media type contains \(Diagnostic.describe(byte: byte)) at byte \(offset); "
                + "CR, LF and NUL are never allowed because they split or truncate header lines."
        case .invalidParameterName(let name):
            return "The parameter name \(Diagnostic.quoted(name)) is not valid; "
                + "a name is 1 or more \(Self.tokenRule)."
        case .invalidParameterValue(let name, let offset, let found):
            return "The value of parameter \(Diagnostic.quoted(name)) has \(Diagnostic.describe(found)) "
                + "at byte \(offset); a value may contain only tab, U+0020 to U+007E and U+0080 to U+00FF."
        case .duplicateParameter(let name):
            return "The parameter \(Diagnostic.quoted(name)) is given more than once; give each name once."
        }
    }
}
