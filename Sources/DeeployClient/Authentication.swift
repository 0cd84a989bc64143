public import DeeployPayload
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import StrictJSON

/// How a ``DeeployClient`` authenticates: as Deeploy's Python client does, with a personal key
/// pair (Basic), a deployment token (Bearer), or OAuth2 client credentials.
public struct Authentication: Sendable {
    enum Method: Sendable {
        case credentials(Credentials)
        case oauth2(client: Credentials, tokenURL: String?)
    }

    let method: Method

    /// A personal key pair (sent as `Basic`) or a deployment token (sent as `Bearer`).
    public static func credentials(_ credentials: Credentials) -> Authentication {
        Authentication(method: .credentials(credentials))
    }

    /// OAuth2 client credentials (RFC 6749 §4.4): a token is asked of `tokenURL` (by default
    /// `ORIGIN/oauth2/token`, where Deeploy's Python client asks) with the client id and secret
    /// as Basic credentials and `grant_type=client_credentials`; it is cached until 60 seconds
    /// before its `expires_in` (3600 when absent), and asked for again once when a call is
    /// answered 401.
    ///
    /// - Throws: ``DeeployClientError/invalidAddress(_:)`` when the id or secret could not be
    ///   sent as Basic credentials (empty, control characters, a `:` in the id).
    public static func oauth2ClientCredentials(
        clientID: String, clientSecret: String, tokenURL: String? = nil
    ) throws(DeeployClientError) -> Authentication {
        do {
            let client = try Credentials.personalKeyPair(accessKey: clientID, secretKey: clientSecret)
            return Authentication(method: .oauth2(client: client, tokenURL: tokenURL))
        } catch {
            throw .invalidAddress("the OAuth2 client id or secret is not valid: \(error)")
        }
    }

    /// Whether a 401 is worth one new token.
    var refreshesOnUnauthorized: Bool {
        if case .oauth2 = method { true } else { false }
    }
}

/// Hands out the credentials a request carries, fetching and caching OAuth2 tokens.
actor CredentialProvider {
    private let authentication: Authentication
    private let tokenURL: String
    private let httpClient: HTTPClient
    private let timeout: Duration
    private var cached: (token: Credentials, refreshAt: ContinuousClock.Instant)?
    private var inFlight: Task<Credentials, any Error>?
    /// How many tokens were fetched; for tests and logs.
    private(set) var tokensFetched = 0

    /// Tokens are renewed this long before they expire, as Deeploy's Python client does.
    static let refreshBuffer: Duration = .seconds(60)

    init(authentication: Authentication, origin: String, httpClient: HTTPClient, timeout: Duration) {
        self.authentication = authentication
        if case .oauth2(_, let url?) = authentication.method {
            self.tokenURL = url
        } else {
            self.tokenURL = origin + "/oauth2/token"
        }
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// The credentials for the next request.
    func current() async throws -> Credentials {
        switch authentication.method {
        case .credentials(let credentials):
            return credentials
        case .oauth2(let client, _):
            if let cached, ContinuousClock.now < cached.refreshAt { return cached.token }
            if let inFlight { return try await inFlight.value }
            let task = Task { try await self.fetch(client) }
            inFlight = task
            defer { inFlight = nil }
            return try await task.value
        }
    }

    /// Drops a cached token the server refused.
    func invalidate() {
        cached = nil
    }

    private func fetch(_ client: Credentials) async throws -> Credentials {
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        request.headers.add(name: "Authorization", value: client.revealedAuthorizationValue())
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials"))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw DeeployClientError.tokenRequestFailed(status: nil, message: "\(tokenURL) could not be reached: \(error)")
        }
        let bytes = Array(body.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw DeeployClientError.tokenRequestFailed(
                status: Int(response.status.code),
                message: HTTPBodies.failure(status: Int(response.status.code), headers: response.headers, body: bytes, attempts: 1).message
                    ?? "no message")
        }
        guard case .object(let object)? = try? JSONParser.parse(bytes),
            case .string(let token)? = object["access_token"], !token.isEmpty
        else {
            throw DeeployClientError.tokenRequestFailed(
                status: Int(response.status.code), message: "the answer has no access_token string")
        }
        let credentials: Credentials
        do {
            credentials = try Credentials.deploymentToken(token)
        } catch {
            throw DeeployClientError.tokenRequestFailed(status: Int(response.status.code), message: "the access_token is not a bearer token: \(error)")
        }
        var lifetime: Int64 = 3600
        if let seconds = object["expires_in"]?.int64Value, seconds > 0 { lifetime = seconds }
        let usable = Duration.seconds(lifetime) - Self.refreshBuffer
        cached = (credentials, ContinuousClock.now + max(usable, .seconds(lifetime) / 2))
        tokensFetched += 1
        return credentials
    }
}
