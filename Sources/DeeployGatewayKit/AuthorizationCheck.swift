import DeeployPayload
import HTTPTypes

/// The 401 check of an `Authorization` value, with ``AuthorizationDiagnosis``.
///
/// A refusal has two codes: `malformed-authorization`, then what is wrong, from this set:
/// `empty-access-key`, `empty-secret-key`, `empty-token`, `colon-in-access-key`,
/// `control-character`, `token-not-token68`, `missing-scheme`, `unknown-scheme`,
/// `missing-credentials`, `invalid-base64`, `base64-length`, `encoded-trailing-newline` (the
/// `echo "key:secret" | base64` mistake), `basic-credentials-not-utf8`,
/// `basic-credentials-missing-colon`, `redacted-encoding`. Its message is the diagnosis's,
/// which gives offsets and rules, never a secret; the access key (a name, not a secret) is not
/// shown either.
enum AuthorizationCheck {
    /// The refusal for the first malformed `Authorization` value in `fields`, or nil.
    static func refusal(fields: HTTPFields, problemTypeBase: String?) -> GatewayRefusal? {
        for value in fields[values: .authorization] {
            let diagnosis = AuthorizationDiagnosis(authorization: value)
            guard let problem = diagnosis.problem else { continue }
            let reasons = [
                PayloadGate.Reason(.malformedAuthorization, "The Authorization header is not valid Deeploy credentials; the request was not forwarded."),
                PayloadGate.Reason(PayloadGate.Code(rawValue: code(of: problem)), problem.description),
            ]
            return GatewayRefusal(status: .unauthorized, reasons: reasons, problemTypeBase: problemTypeBase)
        }
        return nil
    }

    /// The stable code of a credentials problem.
    static func code(of problem: CredentialsError) -> String {
        switch problem {
        case .emptyAccessKey: "empty-access-key"
        case .emptySecretKey: "empty-secret-key"
        case .emptyToken: "empty-token"
        case .colonInAccessKey: "colon-in-access-key"
        case .controlCharacter: "control-character"
        case .tokenNotToken68: "token-not-token68"
        case .missingScheme: "missing-scheme"
        case .unknownScheme: "unknown-scheme"
        case .missingCredentials: "missing-credentials"
        case .invalidBase64: "invalid-base64"
        case .base64Length: "base64-length"
        case .encodedTrailingNewline: "encoded-trailing-newline"
        case .basicCredentialsNotUTF8: "basic-credentials-not-utf8"
        case .basicCredentialsMissingColon: "basic-credentials-missing-colon"
        case .redactedEncoding: "redacted-encoding"
        }
    }
}
