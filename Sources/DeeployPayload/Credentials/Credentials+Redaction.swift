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
    enum CodingKeys: String, CodingKey {
        case kind, accessKey, secretKey, token
    }

    /// Encodes the redacted form, which holds no secrets:
    /// `{"kind":"personalKeyPair","accessKey":"AKIA…(redacted)"}` or `{"kind":"deploymentToken"}`.
    ///
    /// Such data cannot be decoded again. Encode ``RevealedCredentials`` to store secrets.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if let redactedAccessKey {
            try container.encode(redactedAccessKey, forKey: .accessKey)
        }
    }

    /// Decodes the revealed form that ``RevealedCredentials`` encodes, checking it with the
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

    /// Encodes every part, secrets included; for ``RevealedCredentials``.
    func encodeRevealingSecrets(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        let secrets = self.secrets
        try container.encodeIfPresent(secrets.accessKey, forKey: .accessKey)
        try container.encodeIfPresent(secrets.secretKey, forKey: .secretKey)
        try container.encodeIfPresent(secrets.token, forKey: .token)
    }
}
