/// What a pasted `Authorization` value is and what is wrong with it, told without its secret.
///
/// ```swift
/// let diagnosis = AuthorizationDiagnosis(authorization: "Basic QUs6U0sK")  // echo "AK:SK" | base64
/// diagnosis.scheme     // "Basic"
/// diagnosis.accessKey  // "AK"
/// diagnosis.problem    // .encodedTrailingNewline
/// ```
public struct AuthorizationDiagnosis: Sendable, Hashable {
    /// `Basic` or `Bearer` when the value starts with one of them (in any case); nil otherwise.
    public var scheme: String?
    /// The kind of credentials the scheme carries; nil when the scheme is neither.
    public var kind: Credentials.Kind?
    /// The access key of a Basic value when it decodes far enough to show it. An access key
    /// names a key pair, like a user name; the secret key is never kept.
    public var accessKey: String?
    /// Why Deeploy would not accept the value; nil when it is valid.
    public var problem: CredentialsError?

    /// True when the value is valid credentials.
    public var isValid: Bool { problem == nil }

    /// Diagnoses an `Authorization` header value with ``Credentials/parse(authorization:)``.
    public init(authorization value: String) {
        scheme = Self.scheme(of: value)
        kind = scheme.map { $0 == "Basic" ? .personalKeyPair : .deploymentToken }
        do {
            let credentials = try Credentials.parse(authorization: value)
            kind = credentials.kind
            accessKey = credentials.revealed().accessKey
            problem = nil
        } catch {
            problem = error
            if error == .encodedTrailingNewline { accessKey = Self.accessKeyBeforeNewline(in: value) }
        }
    }

    /// The first word of the value, when it is a scheme Deeploy accepts.
    private static func scheme(of value: String) -> String? {
        let word = value.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
        switch HTTPCodePoint.lowercased(String(word)) {
        case "basic": return "Basic"
        case "bearer": return "Bearer"
        default: return nil
        }
    }

    /// The access key of a Basic value whose only fault is echo's encoded newline.
    private static func accessKeyBeforeNewline(in value: String) -> String? {
        let encoded = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first
        guard let encoded, case .success(var decoded) = Base64.decode(Array(encoded.utf8)) else { return nil }
        while decoded.last == 0x0A || decoded.last == 0x0D { decoded.removeLast() }
        guard let text = String(validating: decoded, as: UTF8.self), let colon = text.firstIndex(of: ":") else { return nil }
        let fixed = try? Credentials.personalKeyPair(accessKey: String(text[..<colon]), secretKey: String(text[text.index(after: colon)...]))
        return fixed?.revealed().accessKey
    }
}
