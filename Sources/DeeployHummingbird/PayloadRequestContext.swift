public import DeeployGatewayKit
public import Hummingbird

/// A request context that carries the gateway's acceptance of the request's body, so that the
/// handler can read the verdict and the effective Content-Type.
///
/// ``PayloadMiddleware`` stores the acceptance before it calls the next responder, as
/// Hummingbird's authentication middleware stores an identity. Make your own context conform
/// with one stored property, or use ``BasicPayloadRequestContext``:
///
/// ```swift
/// struct AppContext: PayloadRequestContext {
///     var coreContext: CoreRequestContextStorage
///     var payloadAcceptance: GatewayAcceptance?
///     init(source: ApplicationRequestContextSource) {
///         coreContext = .init(source: source)
///     }
/// }
/// ```
public protocol PayloadRequestContext: RequestContext {
    /// The acceptance of the request's body: nil until ``PayloadMiddleware`` (or
    /// `Request.judgePayload(with:context:)`) has judged it.
    var payloadAcceptance: GatewayAcceptance? { get set }
}

/// The basic request context with ``PayloadRequestContext/payloadAcceptance``.
public struct BasicPayloadRequestContext: PayloadRequestContext {
    /// Hummingbird's core context: logger, endpoint path, parameters.
    public var coreContext: CoreRequestContextStorage
    /// The acceptance of the request's body, once judged.
    public var payloadAcceptance: GatewayAcceptance?

    /// A context for a request arriving at an application.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.payloadAcceptance = nil
    }
}
