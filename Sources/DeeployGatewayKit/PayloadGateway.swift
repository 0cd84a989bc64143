public import DeeployPayload
public import HTTPTypes
public import Logging
public import Metrics
public import NIOCore
public import Tracing

/// Judges HTTP requests for a gateway: the `Authorization` value, then the body as it streams
/// in (decoded, or each file part of an upload form), and says whether to forward the request or
/// answer it with an RFC 9457 problem.
///
/// The gateway wraps the framework-neutral `PayloadGate` for servers built on SwiftNIO: the
/// body arrives as `ByteBuffer`s (Hummingbird's `RequestBody` and Vapor's body stream both are),
/// and the outcome is ready to answer or forward.
///
/// ```swift
/// var policy = AcceptancePolicy.deeploy
/// policy.maximumSize = 10 << 20
/// let gateway = PayloadGateway(gate: PayloadGate(sniffer: try Sniffer(), policy: policy), checksAuthorization: true)
/// switch try await gateway.judge(fields: request.headers, body: request.body, logger: logger) {
/// case .forward(let accepted): forward(accepted.body, fields: accepted.forwardedFields)
/// case .refuse(let refusal): respond(refusal.status, refusal.fields, refusal.body)
/// }
/// ```
///
/// In order:
/// 1. With ``checksAuthorization``, an `Authorization` value that is not valid Deeploy
///    credentials is refused 401 before a byte of the body is read (no value: not refused).
/// 2. A `Content-Length` beyond the policy's maximum size is refused 413 before a byte is read
///    (for a body without a Content-Encoding, whose length is its size).
/// 3. A `multipart/form-data` body is read part by part as ``MultipartRules`` says; any other
///    body is judged by ``gate`` (see `PayloadGate/judge(contentType:contentEncoding:body:)`).
///
/// Observability: each judgment logs its outcome and codes at debug level on the logger passed
/// in, counts itself in `deeploy_payload_verdicts` (dimensions `outcome` and `code`), times
/// itself in `deeploy_payload_judging_duration` (nanoseconds, dimension `outcome`), records the
/// bytes read or forwarded in `deeploy_payload_body_bytes` (dimension `outcome`), and records a
/// `payload.verdict` span. Logs, metrics and spans carry stable codes and media types, never the
/// payload's bytes, a message about them, or a credential.
public struct PayloadGateway: Sendable {
    /// The gate that judges each body: the sniffer, the policy (its `maximumSize` bounds what is
    /// read and held), and the expansion ratio for gzip and deflate bodies.
    public var gate: PayloadGate
    /// Whether to refuse a request whose `Authorization` value is malformed, 401.
    public var checksAuthorization: Bool
    /// How `multipart/form-data` bodies are read.
    public var multipart: MultipartRules
    /// The RFC 9457 `type` base URI of problem bodies; nil for `about:blank`.
    public var problemTypeBase: String?
    /// The metrics factory to count verdicts in; nil for the process's `MetricsSystem.factory`.
    public var metricsFactory: (any MetricsFactory)?
    /// The tracer to record `payload.verdict` spans with; nil for `InstrumentationSystem.tracer`.
    public var tracer: (any Tracer)?

    /// Creates a gateway judging bodies with `gate`.
    public init(
        gate: PayloadGate, checksAuthorization: Bool = false, multipart: MultipartRules = .init(),
        problemTypeBase: String? = nil, metricsFactory: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil
    ) {
        self.gate = gate
        self.checksAuthorization = checksAuthorization
        self.multipart = multipart
        self.problemTypeBase = problemTypeBase
        self.metricsFactory = metricsFactory
        self.tracer = tracer
    }

    /// Judges one request from its header `fields` and its `body`.
    ///
    /// The body is read only as far as needed: not at all when the headers decide, up to the
    /// first chunk that makes a refusal certain, or to its end for an acceptance.
    ///
    /// - Returns: ``GatewayOutcome/forward(_:)`` with the bytes to forward, or
    ///   ``GatewayOutcome/refuse(_:)`` with the problem response.
    /// - Throws: what `body` throws (such as a client that went away), `SniffError` when
    ///   libmagic fails, and `PayloadGate/DecoderFailure` when zlib runs out of memory; never
    ///   for a bad request, which is a refusal.
    public func judge<Body: AsyncSequence>(
        fields: HTTPFields, body: Body, logger: Logger
    ) async throws -> GatewayOutcome where Body.Element == ByteBuffer {
        // Read once: a lookup in HTTPFields joins repeated values, and was ~1% of the judged
        // bench server's CPU samples when the observation and the gate each made it.
        let contentType = fields[.contentType]
        let observation = Observation(gateway: self, declaredValue: contentType)
        do {
            let judgment = try await decide(fields: fields, contentType: contentType, body: body)
            observation.finish(judgment, logger: logger)
            return judgment.outcome
        } catch {
            observation.fail(error, logger: logger)
            throw error
        }
    }

    /// The 401 refusal for the request's `Authorization` value, or nil when it is valid or
    /// absent: the check ``judge(fields:body:logger:)`` makes first with
    /// ``checksAuthorization``, for an adapter that wants it alone.
    public func authorizationRefusal(fields: HTTPFields) -> GatewayRefusal? {
        AuthorizationCheck.refusal(fields: fields, problemTypeBase: problemTypeBase)
    }

    /// What a judgment found, for the outcome and its observation.
    struct Judgment {
        var outcome: GatewayOutcome
        /// The verdict when the whole body (or the refused part) was read; nil for an early refusal.
        var verdict: Verdict?
    }

    /// Judges the request without observing it.
    func decide<Body: AsyncSequence>(
        fields: HTTPFields, contentType: String?, body: Body
    ) async throws -> Judgment where Body.Element == ByteBuffer {
        if checksAuthorization, let refusal = authorizationRefusal(fields: fields) {
            return Judgment(outcome: .refuse(refusal))
        }
        let contentEncoding = fields[.contentEncoding]
        if let refusal = lengthRefusal(fields: fields, encoded: contentEncoding != nil) {
            return Judgment(outcome: .refuse(refusal))
        }
        if let form = MultipartForm(contentType: contentType) {
            let judge = MultipartJudge(gateway: self, fields: fields, contentEncoding: contentEncoding)
            return try await judge.judge(form: form, body: body)
        }
        let outcome = try await gate.judge(contentType: contentType, contentEncoding: contentEncoding, body: body.map { $0.readableBytesView })
        switch outcome {
        case .accepted(let accepted):
            let acceptance = GatewayAcceptance(
                body: ByteBuffer(bytes: accepted.body), contentType: accepted.contentType, verdict: accepted.verdict,
                requestFields: fields, decodedEncoding: accepted.decodedEncoding
            )
            return Judgment(outcome: .forward(acceptance), verdict: accepted.verdict)
        case .rejected(let rejection):
            return Judgment(outcome: .refuse(GatewayRefusal(rejection, problemTypeBase: problemTypeBase)), verdict: rejection.verdict)
        }
    }

    /// A 413 for a `Content-Length` past the policy's maximum size: certain before a byte is
    /// read, for a body whose length is its size (no Content-Encoding; decoding changes it).
    func lengthRefusal(fields: HTTPFields, encoded: Bool) -> GatewayRefusal? {
        guard !encoded, let limit = gate.policy.maximumSize,
              let text = fields[.contentLength], let length = Int(text), length > limit
        else { return nil }
        let reason = PayloadGate.Reason(
            PayloadGate.Code(.tooLarge),
            "the payload is \(length) bytes (Content-Length), more than \(limit) bytes, the most this policy accepts; it was refused before it was read."
        )
        return GatewayRefusal(status: .contentTooLarge, reasons: [reason], problemTypeBase: problemTypeBase)
    }
}
