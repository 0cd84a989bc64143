/// ``Credentials`` whose encoding includes the secrets: the explicit opt-in for storing them,
/// for example in a configuration file that is itself protected.
///
/// ```swift
/// let data = try JSONEncoder().encode(credentials.revealed())
/// // {"kind":"personalKeyPair","accessKey":"AK","secretKey":"SK"}
/// let back = try JSONDecoder().decode(RevealedCredentials.self, from: data).credentials
/// ```
///
/// Only encoding and the three accessors reveal secrets; `description` stays redacted.
public struct RevealedCredentials: Sendable, Hashable, Codable, CustomStringConvertible {
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
    public var description: String { "RevealedCredentials(\(credentials))" }
}
