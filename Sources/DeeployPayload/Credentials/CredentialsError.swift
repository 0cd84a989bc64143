/// Why credentials or an `Authorization` value were rejected.
///
/// Messages never contain a secret: they give byte offsets, name the rule, and show at most a
/// punctuation or control character that the rules forbid.
public enum CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which part of the credentials a problem is in.
    public enum Part: String, Sendable, Hashable {
        /// The access key of a personal key pair.
        case accessKey = "access key"
        /// The secret key of a personal key pair.
        case secretKey = "secret key"
        /// A deployment token.
        case token = "deployment token"
        /// A whole `Authorization` header value.
        case authorization = "Authorization value"
    }

    /// The access key is empty.
    case emptyAccessKey
    /// The secret key is empty.
    case emptySecretKey
    /// The deployment token is empty.
    case emptyToken
    /// The access key contains `:`, which RFC 7617 §2 forbids in a user-id: the receiver would
    /// split the pair at the wrong place.
    case colonInAccessKey(offset: Int)
    /// A part contains a control character (Unicode category Cc), which RFC 7617 §2 forbids in
    /// Basic credentials and which never belongs in a key or token.
    case controlCharacter(Part, offset: Int, found: Unicode.Scalar)
    /// The deployment token is not RFC 6750 token68:
    /// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    case tokenNotToken68(offset: Int, found: Unicode.Scalar)
    /// The `Authorization` value is empty or has no scheme before the credentials.
    case missingScheme
    /// The scheme is neither `Basic` nor `Bearer`. Holds the scheme when it is short and plainly a
    /// scheme name, `nil` otherwise (it might be part of a secret).
    case unknownScheme(String?)
    /// The scheme is not followed by credentials.
    case missingCredentials(scheme: String)
    /// The Basic credentials are not base64: a character outside the base64 alphabet (or `=`
    /// before the end) at this byte offset of the `Authorization` value.
    case invalidBase64(offset: Int, found: Unicode.Scalar)
    /// The Basic credentials' length is not a multiple of 4: `=` padding is missing or the value
    /// was cut short.
    case base64Length(Int)
    /// The Basic credentials decode to text that ends in a newline. This is what
    /// `echo "access_key:secret_key" | base64` produces: echo's newline is encoded too.
    case encodedTrailingNewline
    /// The Basic credentials do not decode to UTF-8 text.
    case basicCredentialsNotUTF8
    /// The Basic credentials decode to text without the `:` between access key and secret key.
    case basicCredentialsMissingColon
    /// Decoding found the redacted form that ``Credentials`` encodes, which holds no secrets.
    case redactedEncoding(Credentials.Kind)

    /// How to make a correct value: the CLI first, then a shell recipe that cannot wrap (GNU
    /// base64 breaks lines every 76 characters, which a realistic key pair exceeds).
    private static let encodeHint =
        "Let the CLI build it: DEEPLOY_ACCESS_KEY=… DEEPLOY_SECRET_KEY=… deeploy-payload headers. "
        + "Or encode it on one line: printf '%s' 'ACCESS_KEY:SECRET_KEY' | base64 | tr -d '\\n' "
        + "(or, with GNU base64, base64 -w0)."

    /// What was wrong, where, and what would be accepted.
    public var description: String {
        switch self {
        case .emptyAccessKey:
            return "The access key is empty; give the access key of your Deeploy personal key pair."
        case .emptySecretKey:
            return "The secret key is empty; give the secret key of your Deeploy personal key pair."
        case .emptyToken:
            return "The deployment token is empty; give the token shown when it was created in Deeploy."
        case .colonInAccessKey(let offset):
            return "The access key contains ':' at byte \(offset); Basic credentials are ACCESS_KEY:SECRET_KEY, "
                + "so an access key cannot contain ':' (RFC 7617 §2). Check that access key and secret key "
                + "were not swapped or pasted together."
        case .controlCharacter(let part, let offset, let found):
            var message = "The \(part.rawValue) contains the control character \(Diagnostic.describe(found)) "
                + "at byte \(offset); credentials cannot contain control characters (RFC 7617 §2)."
            if found == "\n" || found == "\r" {
                message += part == .authorization
                    ? " Send the header value on one line; note that GNU base64 wraps its output "
                        + "every 76 characters unless given -w 0. " + Self.encodeHint
                    : " A newline usually comes from reading a file or from echo; remove it."
            }
            return message
        case .tokenNotToken68(let offset, let found):
            let what = found.isASCII ? Diagnostic.describe(found) : "a non-ASCII character"
            var message = "The deployment token has \(what) at byte \(offset), which a Bearer token cannot "
                + "contain (RFC 6750 §2.1: letters, digits, - . _ ~ + / and only trailing =). "
                + "Copy the token exactly as Deeploy showed it, without quotes or spaces."
            if found == ":" {
                message += " A value of the form ACCESS_KEY:SECRET_KEY is a personal key pair, not a token."
            } else if found == "=" {
                message += " '=' may appear only at the end, after at least one other character."
            }
            return message
        case .missingScheme:
            return "The Authorization value has no scheme; send \"Basic BASE64(ACCESS_KEY:SECRET_KEY)\" "
                + "for a personal key pair or \"Bearer TOKEN\" for a deployment token."
        case .unknownScheme(let scheme):
            let shown = scheme.map { "\"\($0)\"" } ?? "given"
            return "The Authorization scheme \(shown) is not one Deeploy accepts; use \"Basic\" with a "
                + "personal key pair or \"Bearer\" with a deployment token."
        case .missingCredentials(let scheme):
            return "The Authorization value has the scheme \(scheme) but no credentials after it; "
                + "send \"\(scheme) \" followed by the credentials."
        case .invalidBase64(let offset, let found):
            let what = found.isASCII ? Diagnostic.describe(found) : "a non-ASCII character"
            var message = "The Basic credentials have \(what) at byte \(offset) of the Authorization value, "
                + "which is not base64 (A-Z a-z 0-9 + / and trailing =)."
            if found == ":" {
                message += " The credentials look unencoded: Basic needs base64(ACCESS_KEY:SECRET_KEY). "
                    + Self.encodeHint
            }
            return message
        case .base64Length(let length):
            return "The Basic credentials are \(length) characters long, which is not a multiple of 4: "
                + "the '=' padding is missing or the value was cut short. " + Self.encodeHint
        case .encodedTrailingNewline:
            return "The Basic credentials decode to text ending in a newline: echo \"access_key:secret_key\" "
                + "| base64 encodes echo's newline too (echo -n drops it, but not in every shell), so Deeploy "
                + "would see a secret key that ends in a newline. " + Self.encodeHint
        case .basicCredentialsNotUTF8:
            return "The Basic credentials do not decode to UTF-8 text; they must be "
                + "base64(ACCESS_KEY:SECRET_KEY). " + Self.encodeHint
        case .basicCredentialsMissingColon:
            return "The Basic credentials decode to text without ':'; they must be "
                + "base64(ACCESS_KEY:SECRET_KEY). " + Self.encodeHint
        case .redactedEncoding(let kind):
            return "These \(kind.rawValue) credentials were encoded redacted and hold no secrets, so they "
                + "cannot be decoded; encode Credentials.Revealed (credentials.revealed()) to store secrets deliberately."
        }
    }
}
