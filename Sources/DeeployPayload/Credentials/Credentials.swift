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
/// ``revealedAuthorizationValue()`` and encoding ``Revealed``.
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

    /// Credentials whose encoding includes the secrets: the explicit opt-in for storing them,
    /// for example in a configuration file that is itself protected.
    ///
    /// ```swift
    /// let data = try JSONEncoder().encode(credentials.revealed())
    /// // {"kind":"personalKeyPair","accessKey":"AK","secretKey":"SK"}
    /// let back = try JSONDecoder().decode(Credentials.Revealed.self, from: data).credentials
    /// ```
    ///
    /// Only encoding and the three accessors reveal secrets; `description` stays redacted.
    public struct Revealed: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The credentials.
        public let credentials: Credentials

        /// Wraps `credentials` so that encoding them includes their secrets.
        public init(_ credentials: Credentials) {
            self.credentials = credentials
        }

        /// The access key of a personal key pair, in clear.
        public var accessKey: String? { credentials.secrets.accessKey }
        /// The secret key of a personal key pair, in clear.
        public var secretKey: String? { credentials.secrets.secretKey }
        /// The deployment token, in clear.
        public var token: String? { credentials.secrets.token }

        /// Decodes and checks credentials written by ``encode(to:)``.
        public init(from decoder: any Decoder) throws {
            credentials = try Credentials(from: decoder)
        }

        /// Encodes `kind` and every part, secrets included.
        public func encode(to encoder: any Encoder) throws {
            try credentials.encodeRevealingSecrets(to: encoder)
        }

        /// The redacted description of the credentials.
        public var description: String { "Credentials.Revealed(\(credentials))" }
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
    public func revealed() -> Revealed {
        Revealed(self)
    }

    /// The secret parts, for ``Revealed`` only.
    private var secrets: (accessKey: String?, secretKey: String?, token: String?) {
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

// MARK: - Reading an Authorization value

/// Reading credentials back from an `Authorization` header value (RFC 9110 §11.6.2).
extension Credentials {
    /// The credentials in an `Authorization` value: `Basic base64(ACCESS:SECRET)` (RFC 7617) or
    /// `Bearer TOKEN` (RFC 6750). The scheme is matched ignoring case; spaces and tabs around the
    /// value are ignored.
    ///
    /// A Basic value that decodes to text ending in a newline throws
    /// ``CredentialsError/encodedTrailingNewline``: that is what
    /// `echo "access_key:secret_key" | base64` produces.
    public static func parse(authorization value: String) throws(CredentialsError) -> Credentials {
        if let (offset, scalar) = HTTPCodePoint.firstControl(in: value, allowingTab: true) {
            throw .controlCharacter(.authorization, offset: offset, found: scalar)
        }
        let bytes = Array(value.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { throw .missingScheme }

        var schemeEnd = start
        while schemeEnd < end, bytes[schemeEnd] != 0x20 { schemeEnd += 1 }
        let scheme = String(decoding: bytes[start..<schemeEnd], as: UTF8.self)
        var credentialsStart = schemeEnd
        while credentialsStart < end, bytes[credentialsStart] == 0x20 { credentialsStart += 1 }

        let lowered = HTTPCodePoint.lowercased(scheme)
        guard lowered == "basic" || lowered == "bearer" else {
            if schemeEnd == end { throw .missingScheme }
            throw .unknownScheme(isPlainSchemeName(scheme) ? scheme : nil)
        }
        guard credentialsStart < end else { throw .missingCredentials(scheme: lowered == "basic" ? "Basic" : "Bearer") }
        let credentials = bytes[credentialsStart..<end]

        if lowered == "bearer" {
            do {
                return try deploymentToken(String(decoding: credentials, as: UTF8.self))
            } catch .tokenNotToken68(let offset, let found) {
                throw .tokenNotToken68(offset: credentialsStart + offset, found: found)
            }
        }
        return try basic(credentials, at: credentialsStart)
    }

    private static func basic(_ encoded: ArraySlice<UInt8>, at start: Int) throws(CredentialsError) -> Credentials {
        let decoded: [UInt8]
        switch Base64.decode(encoded) {
        case .success(let bytes):
            decoded = bytes
        case .failure(.invalidCharacter(let offset)):
            let byte = encoded[encoded.startIndex + offset]
            throw .invalidBase64(offset: start + offset, found: byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}")
        case .failure(.badLength(let length)):
            throw .base64Length(length)
        }
        // Checked before anything else: the newline from `echo … | base64` is the likeliest mistake.
        if decoded.last == 0x0A { throw .encodedTrailingNewline }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .basicCredentialsNotUTF8 }
        guard let colon = text.firstIndex(of: ":") else { throw .basicCredentialsMissingColon }
        return try personalKeyPair(accessKey: String(text[..<colon]), secretKey: String(text[text.index(after: colon)...]))
    }

    /// Whether `scheme` can be shown in a message: a short run of letters, digits and `-`, as
    /// registered scheme names are, rather than something that might be a pasted secret.
    private static func isPlainSchemeName(_ scheme: String) -> Bool {
        scheme.utf8.count <= 16
            && scheme.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }
    }
}

// MARK: - Redaction

/// Every rendering of ``Credentials`` is redacted: printing, debugging, `dump` and encoding.
extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private static let redacted = "(redacted)"

    /// `personalKeyPair(accessKey: AKIA…(redacted), secretKey: (redacted))` or
    /// `deploymentToken((redacted))`.
    public var description: String {
        switch kind {
        case .personalKeyPair:
            return "personalKeyPair(accessKey: \(redactedAccessKey ?? Self.redacted), secretKey: \(Self.redacted))"
        case .deploymentToken:
            return "deploymentToken(\(Self.redacted))"
        }
    }

    /// The same redacted text as ``description``, prefixed with the type name.
    public var debugDescription: String { "Credentials." + description }

    /// A mirror of the kind and redacted parts only, so that `dump` and debuggers show no secret.
    public var customMirror: Mirror {
        switch kind {
        case .personalKeyPair:
            return Mirror(
                self,
                children: [
                    "kind": kind.rawValue, "accessKey": redactedAccessKey ?? Self.redacted, "secretKey": Self.redacted,
                ],
                displayStyle: .struct
            )
        case .deploymentToken:
            return Mirror(self, children: ["kind": kind.rawValue, "token": Self.redacted], displayStyle: .struct)
        }
    }
}

extension Credentials: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, accessKey, secretKey, token
    }

    /// Encodes the redacted form, which holds no secrets:
    /// `{"kind":"personalKeyPair","accessKey":"AKIA…(redacted)"}` or `{"kind":"deploymentToken"}`.
    ///
    /// Such data cannot be decoded again. Encode ``Revealed`` to store secrets.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if let redactedAccessKey {
            try container.encode(redactedAccessKey, forKey: .accessKey)
        }
    }

    /// Decodes the revealed form that ``Revealed`` encodes, checking it with the
    /// factories. Throws ``CredentialsError/redactedEncoding(_:)`` for the redacted form and any
    /// other ``CredentialsError`` for invalid credentials.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        switch kind {
        case .personalKeyPair:
            guard let secretKey = try container.decodeIfPresent(String.self, forKey: .secretKey) else {
                throw CredentialsError.redactedEncoding(kind)
            }
            let accessKey = try container.decode(String.self, forKey: .accessKey)
            self = try .personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        case .deploymentToken:
            guard let token = try container.decodeIfPresent(String.self, forKey: .token) else {
                throw CredentialsError.redactedEncoding(kind)
            }
            self = try .deploymentToken(token)
        }
    }

    /// Encodes every part, secrets included; for ``Revealed``.
    private func encodeRevealingSecrets(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        let secrets = self.secrets
        try container.encodeIfPresent(secrets.accessKey, forKey: .accessKey)
        try container.encodeIfPresent(secrets.secretKey, forKey: .secretKey)
        try container.encodeIfPresent(secrets.token, forKey: .token)
    }
}

/// The former name of ``Credentials/Revealed``.
@available(*, deprecated, renamed: "Credentials.Revealed")
public typealias RevealedCredentials = Credentials.Revealed
