public import DeeployGatewayKit
public import HTTPTypes
public import Hummingbird

/// A refused request as a Hummingbird error: thrown by `Hummingbird/Request/judgePayload(with:context:)`,
/// it answers with the refusal's status, problem fields and RFC 9457 body.
public struct PayloadRefusalError: HTTPResponseError {
    /// The refusal.
    public var refusal: GatewayRefusal

    /// The error for `refusal`.
    public init(_ refusal: GatewayRefusal) { self.refusal = refusal }

    /// The refusal's status.
    public var status: HTTPResponse.Status { refusal.status }

    /// The problem response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(refusal: refusal)
    }
}

extension Request {
    /// Judges this request's body with `gateway`, inside a handler: the route-level form of
    /// ``PayloadMiddleware``.
    ///
    /// ```swift
    /// router.post("/predict") { request, context in
    ///     var request = request
    ///     let acceptance = try await request.judgePayload(with: gateway, context: context)
    ///     return try await model.predict(acceptance.body, as: acceptance.contentType)
    /// }
    /// ```
    ///
    /// - Returns: the acceptance; the request's body is now the accepted bytes (decoded, or the
    ///   forwarded part of a form), which can be read again.
    /// - Throws: ``PayloadRefusalError`` for a refused request, which Hummingbird answers with
    ///   the problem response; and what ``PayloadGateway/judge(fields:body:logger:)`` throws.
    public mutating func judgePayload(with gateway: PayloadGateway, context: some RequestContext) async throws -> GatewayAcceptance {
        switch try await gateway.judge(fields: headers, body: body, logger: context.logger) {
        case .refuse(let refusal):
            throw PayloadRefusalError(refusal)
        case .forward(let acceptance):
            self = replayed(acceptance)
            return acceptance
        }
    }
}

extension RouterMethods {
    /// Adds a POST route whose handler is called only for an accepted body, with the request
    /// replayed (its body the accepted bytes) and the acceptance; a refused request is answered
    /// with its problem response.
    ///
    /// ```swift
    /// router.post("/predict", validating: gateway) { request, context, acceptance in
    ///     "\(acceptance.contentType) \(acceptance.body.readableBytes) bytes"
    /// }
    /// ```
    @discardableResult public func post(
        _ path: RouterPath = "",
        validating gateway: PayloadGateway,
        use handler: @Sendable @escaping (Request, Context, GatewayAcceptance) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .post) { request, context in
            var request = request
            let acceptance = try await request.judgePayload(with: gateway, context: context)
            return try await handler(request, context, acceptance)
        }
    }
}
