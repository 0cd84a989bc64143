import AsyncHTTPClient
import DeeployGatewayKit
import DeeployHummingbird
import DeeployPayload
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// The request context of deeploy-gateway: Hummingbird's core storage and the client's address,
/// for `X-Forwarded-For`.
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the channel knows it.
    let clientAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// Answers every request: judges its body with the gateway's rules, answers a refusal itself
/// with the problem body, and forwards an accepted request to the upstream, streaming the
/// upstream's response back as it arrives.
struct ProxyResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    /// The rules bodies are judged by.
    let gateway: PayloadGateway
    /// Where accepted requests go.
    let upstream: UpstreamURL
    /// The client that forwards them, shared by every request.
    let client: HTTPClient
    /// How long the upstream may take to send its response head.
    let upstreamTimeout: TimeAmount

    func respond(to request: Request, context: Context) async throws -> Response {
        let fields: HTTPFields
        let body: ByteBuffer?
        if Self.carriesBody(request.head) {
            switch try await gateway.judge(fields: request.headers, body: request.body, logger: context.logger) {
            case .refuse(let refusal):
                return Response(refusal: refusal)
            case .forward(let acceptance):
                fields = acceptance.forwardedFields
                body = acceptance.body
            }
        } else {
            fields = request.headers
            body = nil
        }
        return await forward(request, fields: fields, body: body, context: context)
    }

    /// Whether a request is judged as having a body: a POST, PUT or PATCH always (an empty body
    /// is judged, and refused when its type needs content), any other method when it declares
    /// one with `Content-Length` (not 0) or `Transfer-Encoding`. A GET or HEAD without a body
    /// passes through unjudged: there is nothing to judge, and health checks and metadata
    /// requests must reach the upstream.
    static func carriesBody(_ head: HTTPRequest) -> Bool {
        switch head.method {
        case .post, .put, .patch: return true
        default:
            if head.headerFields[.transferEncoding] != nil { return true }
            if let length = head.headerFields[.contentLength] { return length != "0" }
            return false
        }
    }

    /// Sends the request upstream and turns its response, or the failure to get one, into the
    /// client's response.
    private func forward(_ request: Request, fields: HTTPFields, body: ByteBuffer?, context: Context) async -> Response {
        var outgoing = HTTPClientRequest(url: upstream.url(forTarget: Self.target(of: request)))
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        let forwarded = ForwardedFields.request(fields, originalHost: request.head.authority ?? request.headers[ForwardedFields.host], clientAddress: context.clientAddress)
        outgoing.headers = HTTPHeaders(forwarded)
        if let body {
            outgoing.body = HTTPClientRequest.Body.bytes(body)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: .now() + upstreamTimeout, logger: context.logger)
        } catch {
            context.logger.warning("upstream unreachable", metadata: ["error": "\(Self.describe(error))"])
            return UpstreamProblem.unreachable(upstream: upstream, error: error).response
        }
        let status = HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase)
        let headers = ForwardedFields.response(HTTPFields(response.headers))
        // Streams the upstream's body through as it arrives; Hummingbird writes each buffer as
        // the client takes it, so a slow client holds the upstream back rather than memory.
        return Response(status: status, headers: headers, body: ResponseBody(asyncSequence: response.body))
    }

    /// The request-target to forward: the path and query as received. An absolute-form target
    /// (`http://host/path`, sent to proxies) keeps only its path and query.
    static func target(of request: Request) -> String {
        let uri = request.uri
        if uri.string.hasPrefix("/") { return uri.string }
        let path = uri.path.isEmpty ? "/" : uri.path
        return uri.query.map { "\(path)?\($0)" } ?? path
    }

    /// An error's description for a log line: AsyncHTTPClient's errors carry no secrets.
    static func describe(_ error: any Error) -> String { String(describing: error) }
}
