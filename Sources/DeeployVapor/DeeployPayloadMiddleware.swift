public import DeeployGatewayKit
import HTTPTypes
import NIOCore
import NIOHTTP1
public import Vapor

/// A Vapor 4 middleware that judges each request's body as it streams in, answers a refused
/// body itself with an RFC 9457 problem response, and hands an accepted request on with the
/// accepted bytes as its body and the verdict in `Vapor/Request/deeployPayload`.
///
/// ```swift
/// let gateway = PayloadGateway(gate: PayloadGate(sniffer: try Sniffer(), policy: policy))
/// app.grouped(DeeployPayloadMiddleware(gateway: gateway))
///     .on(.POST, "v1", "models", ":model", "predict", body: .stream) { request in
///         let accepted = try #require(request.deeployPayload)
///         return try await forward(request.body.data!, as: accepted.contentType)
///     }
/// ```
///
/// ## What the middleware expects of the route
///
/// - Register the route with `body: .stream`. With Vapor's default, `.collect`, Vapor
///   collects a body only inside the route's handler, after the middleware: the middleware
///   still judges the body as it streams, within the gateway's maximum size, and the handler
///   finds it collected and does not collect it again, so Vapor's `defaultMaxBodySize` (16 KiB)
///   does not apply to a judged body. Either works; `.stream` says what happens.
/// - Turn off Vapor's request decompression: `app.http.server.configuration.requestDecompression
///   = .disabled`. Vapor 4.122 enables it by default, decoding gzip and deflate bodies with
///   NIO's decompressor but leaving `Content-Encoding` in place, so the middleware would see
///   decoded bytes labelled as encoded and refuse them as `invalid-encoding`. With it off, the
///   gateway decodes them itself, with its size and expansion limits and its own reason codes.
/// - Vapor itself hands a request whose `Content-Length` body arrived in one read already
///   collected; the middleware reads both kinds the same way, as an async sequence of
///   `ByteBuffer`s, and stops reading as soon as a refusal is certain.
/// - Use the middleware on the routes that take uploads (a route group), or globally: a
///   request whose method is not in ``methods`` (POST, PUT and PATCH by default) passes
///   through unjudged, as with the Hummingbird middleware.
///
/// ## What the handler sees after an acceptance
///
/// - `request.body.data` is the accepted bytes: decoded, when the body arrived with a
///   Content-Encoding; for `multipart/form-data`, the chosen part. `request.body` also iterates
///   them, as one buffer.
/// - `request.headers` is the request's, with `Content-Type` set to the effective type,
///   `Content-Encoding` removed and `Content-Length` set to the accepted bytes' count.
/// - `Vapor/Request/deeployPayload` is the `GatewayAcceptance`, with the verdict.
///
/// Memory: a request holds at most the gateway's maximum size, plus one chunk, while it is
/// judged.
///
/// ## A refusal before the body's end
///
/// When the gateway refuses a body that is still arriving (past the maximum size, or a mismatch
/// found in its first chunk), the middleware answers at once and reads the rest of the upload in
/// the background, dropping each chunk as it arrives (nothing is kept), until the client ends
/// the request or closes the connection; the connection then serves its next request. Vapor 4
/// offers a middleware no way to close the connection after the response (its server handler
/// sets `Connection` from the request's keep-alive), so a client that keeps sending a very large
/// refused body costs its bandwidth, not memory.
public struct DeeployPayloadMiddleware: AsyncMiddleware {
    /// The rules bodies are judged by.
    public let gateway: PayloadGateway
    /// The methods whose requests are judged; others pass through.
    public let methods: [HTTPMethod]

    /// A middleware judging the bodies of requests whose method is in `methods` by `gateway`.
    public init(gateway: PayloadGateway, methods: [HTTPMethod] = [.POST, .PUT, .PATCH]) {
        self.gateway = gateway
        self.methods = methods
    }

    /// Judges `request`'s body, and either answers the refusal or calls `next` with the accepted
    /// body in place.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard methods.contains(request.method) else {
            return try await next.respond(to: request)
        }
        let fields = HTTPFields(request.headers)
        // Read through our own feed, not `request.body`'s iterator: after a refusal the rest of
        // the upload is read and dropped, so Vapor keeps reading the connection and the refusal
        // reaches the client (see RequestBodyFeed).
        let feed = RequestBodyFeed(request: request)
        let outcome: GatewayOutcome
        do {
            outcome = try await gateway.judge(fields: fields, body: RequestBodyChunks(feed: feed), logger: request.logger)
        } catch {
            feed.discardRest()
            throw error
        }
        feed.discardRest()
        switch outcome {
        case .refuse(let refusal):
            return Response(
                status: HTTPResponseStatus(statusCode: refusal.status.code, reasonPhrase: refusal.status.reasonPhrase),
                headers: HTTPHeaders(refusal.fields),
                body: .init(buffer: refusal.body)
            )
        case .forward(let acceptance):
            var headers = HTTPHeaders(acceptance.forwardedFields)
            headers.replaceOrAdd(name: .contentLength, value: String(acceptance.body.readableBytes))
            request.headers = headers
            // Vapor offers no public setter for a request's body; encoding content is the one
            // public way to set it, collected. ReplayEncoder writes the accepted bytes as they are.
            try request.content.encode(ReplayedBody(), using: ReplayEncoder(bytes: acceptance.body))
            request.storage[DeeployPayloadKey.self] = acceptance
            return try await next.respond(to: request)
        }
    }
}

extension Request {
    /// The accepted body's verdict and effective type, after ``DeeployPayloadMiddleware``
    /// accepted the request; nil when no such middleware judged it.
    public var deeployPayload: GatewayAcceptance? {
        storage[DeeployPayloadKey.self]
    }
}

/// Where ``DeeployPayloadMiddleware`` keeps the acceptance in a request's storage.
private enum DeeployPayloadKey: StorageKey {
    typealias Value = GatewayAcceptance
}

/// Nothing to encode: the value ``ReplayEncoder`` is handed while it writes its bytes.
private struct ReplayedBody: Encodable {}

/// A content encoder that writes given bytes as the body and leaves the headers alone (the
/// middleware has set them): how an accepted body is put back in place of the stream it was
/// read from.
private struct ReplayEncoder: ContentEncoder {
    let bytes: ByteBuffer

    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        // The accepted buffer itself, not a copy into Vapor's empty one.
        body = bytes
    }
}
