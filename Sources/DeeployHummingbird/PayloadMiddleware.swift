public import DeeployGatewayKit
public import HTTPTypes
public import Hummingbird
import NIOCore

/// A Hummingbird middleware that judges each request's body as it streams in, answers refused
/// requests itself, and hands accepted ones on with their body replayed.
///
/// ```swift
/// let router = Router(context: BasicPayloadRequestContext.self)
/// router.add(middleware: PayloadMiddleware(gateway: gateway))
/// router.post("/predict") { request, context in
///     let acceptance = context.payloadAcceptance!   // set by the middleware
///     let bytes = try await request.body.collect(upTo: .max)  // the accepted bytes
///     ...
/// }
/// ```
///
/// For a request whose method is in ``methods`` (POST, PUT and PATCH by default):
/// - a refusal is answered with its status, `application/problem+json` fields and RFC 9457
///   body (`GatewayRefusal`); the next responder is not called, and the rest of the body is
///   left unread by the middleware (Hummingbird discards it before the next request on the
///   connection);
/// - an acceptance calls the next responder with a request whose body is the accepted bytes (a
///   single `ByteBuffer`, readable any number of times) and whose fields are
///   `GatewayAcceptance/forwardedFields` (normalised Content-Type, no Content-Encoding, the
///   new Content-Length), and with the acceptance in
///   ``PayloadRequestContext/payloadAcceptance``.
///
/// Other requests pass through unjudged. The judgment is logged on the request's logger.
public struct PayloadMiddleware<Context: PayloadRequestContext>: RouterMiddleware {
    /// The gateway that judges each request.
    public let gateway: PayloadGateway
    /// The methods whose requests are judged; others pass through.
    public let methods: Set<HTTPRequest.Method>
    /// ``methods`` as a list: a method is a short string, and comparing it with three is
    /// cheaper than hashing it for the set (about 0.08 µs of each request, perf).
    private let methodList: [HTTPRequest.Method]

    /// A middleware judging requests with `gateway`, for requests whose method is in `methods`.
    public init(gateway: PayloadGateway, methods: Set<HTTPRequest.Method> = [.post, .put, .patch]) {
        self.gateway = gateway
        self.methods = methods
        methodList = Array(methods)
    }

    /// Judges `request`, and answers it or calls `next` with the accepted body.
    nonisolated(nonsending) public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard methodList.contains(request.method) else { return try await next(request, context) }
        switch try await gateway.judge(fields: request.headers, body: request.body, logger: context.logger) {
        case .refuse(let refusal):
            return Response(refusal: refusal)
        case .forward(let acceptance):
            var context = context
            context.payloadAcceptance = acceptance
            return try await next(request.replayed(acceptance), context)
        }
    }
}

extension Request {
    /// This request with the accepted body as its body, and the acceptance's forwarded fields
    /// with a Content-Length of the accepted bytes.
    public func replayed(_ acceptance: GatewayAcceptance) -> Request {
        var request = self
        if acceptance.keepsRequestFields {
            // The head stays: rebuilding the request parses its URI again and copies its fields,
            // about 1.5 µs of a 1 KiB JSON request, for the same fields.
            request.body = RequestBody(buffer: acceptance.body)
            return request
        }
        var head = self.head
        head.headerFields = acceptance.forwardedFields
        head.headerFields[.contentLength] = String(acceptance.body.readableBytes)
        // `head` cannot be set, so the request is rebuilt. `body`'s setter keeps a reference to
        // the connection's original stream (Hummingbird watches it for the client closing), and
        // `Request(head:body:)` keeps that body as it is.
        request.body = RequestBody(buffer: acceptance.body)
        return Request(head: head, body: request.body)
    }
}

extension Response {
    /// The response to a refused request: its status, problem fields and RFC 9457 body.
    public init(refusal: GatewayRefusal) {
        var fields = refusal.fields
        fields[.contentLength] = String(refusal.body.readableBytes)
        self.init(status: refusal.status, headers: fields, body: ResponseBody(byteBuffer: refusal.body))
    }
}
