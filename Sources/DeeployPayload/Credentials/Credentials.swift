public import HTTPTypes

/// Credentials for Deeploy's API: a personal key pair (sent as `Basic`) or a deployment token
/// (sent as `Bearer`).
///
/// Credentials can only be made through the validating factories
/// ``personalKeyPair(accessKey:secretKey:)``, ``deploymentToken(_:)`` and
/// ``parse(authorization:)``; their storage is private, so a value that exists is valid. (An enum
/// with public cases could not guarantee that; ``kind`` says which form a value has.)
///
/// Secrets stay out of every rendering: `description`, `debugDescription`, `dump` (through
/// `customMirror`) and `Codable` encoding show the kind and at most the start of the access key.
/// Two calls reveal them, both named so that no one does it by accident:
/// ``revealedAuthorizationValue()`` and encoding ``RevealedCredentials``.
///
/// ```swift
/// let credentials = try Credentials.personalKeyPair(accessKey: "AK", secretKey: "SK")
/// request.headerFields.append(credentials.authorizationField()) // Authorization: Basic QUs6U0s=
/// print(credentials) // personalKeyPair(accessKey: …(redacted), secretKey: (redacted))
/// ```
public struct Credentials: Sendable, Hashable {
    /// The form of credentials.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An access key and a secret key, sent as `Authorization: Basic base64(ACCESS:SECRET)`.
        case personalKeyPair
        /// A deployment token, sent as `Authorization: Bearer TOKEN`.
        case deploymentToken
    }

    private enum Storage: Sendable, Hashable {
        case personalKeyPair(accessKey: String, secretKey: String)
        case deploymentToken(String)
    }

    private let storage: Storage

    private init(_ storage: Storage) {
        self.storage = storage
    }

    /// A personal key pair, checked: neither key may be empty or contain control characters,
    /// and the access key may not contain `:` (RFC 7617 §2).
    public static func personalKeyPair(accessKey: String, secretKey: String) throws(CredentialsError) -> Credentials {
        guard !accessKey.isEmpty else { throw .emptyAccessKey }
        guard !secretKey.isEmpty else { throw .emptySecretKey }
        try checkNoControlCharacters(accessKey, .accessKey)
        if let colon = accessKey.utf8.firstIndex(of: UInt8(ascii: ":")) {
            throw .colonInAccessKey(offset: accessKey.utf8.distance(from: accessKey.utf8.startIndex, to: colon))
        }
        try checkNoControlCharacters(secretKey, .secretKey)
        return Credentials(.personalKeyPair(accessKey: accessKey, secretKey: secretKey))
    }

    /// A deployment token, checked against RFC 6750 §2.1's token68 syntax:
    /// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    public static func deploymentToken(_ token: String) throws(CredentialsError) -> Credentials {
        guard !token.isEmpty else { throw .emptyToken }
        try checkNoControlCharacters(token, .token)
        // Report the first "=" rather than the character after it, which may be part of the secret.
        var firstPadding: Int?
        for (offset, byte) in token.utf8.enumerated() {
            if byte == UInt8(ascii: "=") {
                firstPadding = firstPadding ?? offset
            } else if let firstPadding {
                throw .tokenNotToken68(offset: firstPadding, found: "=")
            } else if !isToken68Character(byte) {
                let found = String(token.utf8.dropFirst(offset))?.unicodeScalars.first ?? "\u{FFFD}"
                throw .tokenNotToken68(offset: offset, found: found)
            }
        }
        if firstPadding == 0 {
            throw .tokenNotToken68(offset: 0, found: "=")
        }
        return Credentials(.deploymentToken(token))
    }

    /// Which form these credentials have.
    public var kind: Kind {
        switch storage {
        case .personalKeyPair: return .personalKeyPair
        case .deploymentToken: return .deploymentToken
        }
    }

    /// The start of the access key followed by `…(redacted)`, for telling key pairs apart in
    /// logs; `nil` for a deployment token. At most a quarter of the key, and never more than 4
    /// characters, is shown.
    public var redactedAccessKey: String? {
        guard case .personalKeyPair(let accessKey, _) = storage else { return nil }
        return String(accessKey.prefix(min(4, accessKey.count / 4))) + "…(redacted)"
    }

    /// The `Authorization` header field for these credentials, marked never to be indexed by
    /// HPACK or QPACK because it carries a secret.
    ///
    /// `Basic base64(ACCESS:SECRET)` for a key pair (no trailing newline; byte-identical to
    /// Python's `base64.b64encode`), `Bearer TOKEN` for a deployment token.
    public func authorizationField() -> HTTPField {
        var field = HTTPField(name: .authorization, value: revealedAuthorizationValue())
        field.indexingStrategy = .disallow
        return field
    }

    /// The `Authorization` header value, secrets included: `Basic …` or `Bearer …`.
    ///
    /// Named so that revealing a secret is always a visible decision at the call site.
    public func revealedAuthorizationValue() -> String {
        switch storage {
        case .personalKeyPair(let accessKey, let secretKey):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(accessKey.utf8.count + secretKey.utf8.count + 1)
            bytes.append(contentsOf: accessKey.utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: secretKey.utf8)
            return "Basic " + Base64.encode(bytes)
        case .deploymentToken(let token):
            return "Bearer " + token
        }
    }

    /// A wrapper whose encoding includes the secrets, for storing credentials deliberately.
    public func revealed() -> RevealedCredentials {
        RevealedCredentials(self)
    }

    /// The secret parts, for ``RevealedCredentials`` only.
    var secrets: (accessKey: String?, secretKey: String?, token: String?) {
        switch storage {
        case .personalKeyPair(let accessKey, let secretKey): return (accessKey, secretKey, nil)
        case .deploymentToken(let token): return (nil, nil, token)
        }
    }

    private static func checkNoControlCharacters(_ value: String, _ part: CredentialsError.Part) throws(CredentialsError) {
        if let (offset, scalar) = HTTPCodePoint.firstControl(in: value) {
            throw .controlCharacter(part, offset: offset, found: scalar)
        }
    }

    private static func isToken68Character(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}
