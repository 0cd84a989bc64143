public import DeeployPayload
public import HTTPTypes

/// The gateway's own stable reason codes, beside the gate's (``PayloadGate/Code``) and the
/// verdict's (`too-large`, `declared-mismatch`, ...). The raw values are part of the public
/// contract.
///
/// | Code | Status | When |
/// |---|---|---|
/// | `malformed-authorization` | 401 | the `Authorization` value is not valid Deeploy credentials (with ``PayloadGateway/checksAuthorization``); a second code says why, such as `encoded-trailing-newline` |
/// | `multipart-no-boundary` | 400 | a `multipart/form-data` Content-Type without a `boundary` parameter, or an empty one |
/// | `multipart-invalid-boundary` | 400 | a boundary longer than 70 characters or with characters RFC 2046 does not allow |
/// | `multipart-invalid` | 400 | the body is not `multipart/form-data` with that boundary: a syntax error, no part, or cut off inside a part |
/// | `multipart-too-many-parts` | 413 | more parts than ``MultipartRules/maximumPartCount`` |
/// | `multipart-part-too-large` | 413 | a part larger than ``MultipartRules/maximumPartSize`` |
/// | `multipart-no-file-part` | 400 | no part to forward: no file part, or no part named ``MultipartRules/forwardedPart`` |
/// | `unsupported-encoding` | 415 | a `multipart/form-data` body with a Content-Encoding (the gateway decodes only whole single bodies) |
extension PayloadGate.Code {
    /// The `Authorization` value is not valid Deeploy credentials.
    public static let malformedAuthorization = Self(rawValue: "malformed-authorization")
    /// A `multipart/form-data` Content-Type has no boundary parameter, or an empty one.
    public static let multipartNoBoundary = Self(rawValue: "multipart-no-boundary")
    /// A `multipart/form-data` boundary is longer than 70 characters or has characters outside
    /// RFC 2046's `bchars`.
    public static let multipartInvalidBoundary = Self(rawValue: "multipart-invalid-boundary")
    /// The body is not valid `multipart/form-data` with its boundary.
    public static let multipartInvalid = Self(rawValue: "multipart-invalid")
    /// The body has more parts than ``MultipartRules/maximumPartCount``.
    public static let multipartTooManyParts = Self(rawValue: "multipart-too-many-parts")
    /// A part is larger than ``MultipartRules/maximumPartSize``.
    public static let multipartPartTooLarge = Self(rawValue: "multipart-part-too-large")
    /// The body has no part to forward.
    public static let multipartNoFilePart = Self(rawValue: "multipart-no-file-part")
}

extension PayloadGateway {
    /// The status for a refusal whose first code is `code`: the gateway's own codes as in
    /// `PayloadGate/Code` (`malformed-authorization` 401; `multipart-too-many-parts` and
    /// `multipart-part-too-large` 413; the other `multipart-` codes 400), and every other code
    /// as `PayloadGate/status(for:)` says (413 too large, 400 malformed, 415 not accepted).
    public static func status(for code: PayloadGate.Code) -> HTTPResponse.Status {
        switch code {
        case .malformedAuthorization: .unauthorized
        case .multipartTooManyParts, .multipartPartTooLarge: .contentTooLarge
        case .multipartNoBoundary, .multipartInvalidBoundary, .multipartInvalid, .multipartNoFilePart: .badRequest
        default: PayloadGate.status(for: code)
        }
    }
}

/// Text helpers for messages.
enum GatewayText {
    /// A value in double quotes, with `"`, `\`, control characters and non-ASCII escaped, so
    /// that a message stays on one line and shows exactly what was received.
    static func quoted(_ value: some StringProtocol) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out + "\""
    }
}
