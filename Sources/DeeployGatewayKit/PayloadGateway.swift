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
    /// The metrics factory to count verdicts in; nil for the process's `MetricsSystem.factory`
    /// as it is when the gateway is made (or this is set): bootstrap the metrics system first.
    public var metricsFactory: (any MetricsFactory)? {
        get { instruments.chosenFactory }
        set { instruments = Instruments(factory: newValue, tracer: tracer) }
    }
    /// The tracer to record `payload.verdict` spans with; nil for `InstrumentationSystem.tracer`
    /// as it is when the gateway is made (or this is set): bootstrap the instrumentation system
    /// first.
    public var tracer: (any Tracer)? {
        get { instruments.chosenTracer }
        set { instruments = Instruments(factory: metricsFactory, tracer: newValue) }
    }
    /// The metrics and tracer, made once (see `Instruments`). The two choices above are kept
    /// in it too, not beside it: each copy of an existential goes through its value witnesses,
    /// and a gateway is copied for every request.
    private(set) var instruments: Instruments

    /// Creates a gateway judging bodies with `gate`.
    public init(
        gate: PayloadGate, checksAuthorization: Bool = false, multipart: MultipartRules = .init(),
        problemTypeBase: String? = nil, metricsFactory: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil
    ) {
        self.gate = gate
        self.checksAuthorization = checksAuthorization
        self.multipart = multipart
        self.problemTypeBase = problemTypeBase
        instruments = Instruments(factory: metricsFactory, tracer: tracer)
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
        let headers = BodyHeaders(fields)
        let observation = Observation(gateway: self, declaredValue: headers.contentType)
        do {
            let judgment: Judgment
            switch start(fields: fields, headers: headers) {
            case .decided(let decided):
                judgment = decided
            case .multipart(let form):
                let judge = MultipartJudge(gateway: self, fields: fields, contentEncoding: headers.contentEncoding)
                judgment = try await judge.judge(form: form, body: body)
            case .single(var session):
                // The gate's session, fed each buffer as it is, here rather than in a function
                // of its own: no mapped sequence, no generic judge across the module boundary
                // (it ran unspecialised, looking up generic metadata for every chunk), and one
                // asynchronous frame fewer.
                var rejection: PayloadGate.Rejection?
                var chunks = 0
                var firstChunk: ByteBuffer?
                for try await chunk in body {
                    chunks += 1
                    if chunks == 1 { firstChunk = chunk }
                    rejection = try chunk.withUnsafeReadableBytes { try session.consume($0) }
                    if rejection != nil { break }
                }
                judgment = try end(&session, rejection: rejection, onlyChunk: chunks == 1 ? firstChunk : nil, fields: fields)
            }
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
        /// The sniffed type when the whole body (or the refused part) was read; nil for an early
        /// refusal. Only the type, not the verdict: a verdict is a large value, and this one was
        /// copied and released with every judgment for the rare span or debug log that reads it.
        var sniffed: MediaType?

        init(outcome: GatewayOutcome, sniffed: MediaType? = nil) {
            self.outcome = outcome
            self.sniffed = sniffed
        }
    }

    /// How to read a request's body, from its fields alone.
    enum Start {
        /// Refused before a byte of the body is read.
        case decided(Judgment)
        /// A `multipart/form-data` body, read part by part.
        case multipart(MultipartForm)
        /// A single body, judged by the session.
        case single(PayloadGate.Session)
    }

    func start(fields: HTTPFields, headers: BodyHeaders) -> Start {
        if checksAuthorization, let refusal = authorizationRefusal(fields: fields) {
            return .decided(Judgment(outcome: .refuse(refusal)))
        }
        if let refusal = lengthRefusal(headers) {
            return .decided(Judgment(outcome: .refuse(refusal)))
        }
        if let form = MultipartForm(contentType: headers.contentType) {
            return .multipart(form)
        }
        let session = gate.session(contentType: headers.contentType, contentEncoding: headers.contentEncoding, contentLength: headers.contentLength)
        if let rejection = session.rejection {
            return .decided(Judgment(outcome: .refuse(GatewayRefusal(rejection, problemTypeBase: problemTypeBase))))
        }
        return .single(session)
    }

    /// The judgment once the session has all the body (`rejection` nil) or refused it.
    /// `onlyChunk` is the body when it arrived as one buffer: an accepted, unencoded body is
    /// forwarded as that buffer rather than copied into a new one.
    func end(_ session: inout PayloadGate.Session, rejection: PayloadGate.Rejection?, onlyChunk: ByteBuffer?, fields: HTTPFields) throws -> Judgment {
        let outcome = try rejection.map { .rejected($0) } ?? session.finish()
        switch outcome {
        case .accepted(let accepted):
            let sameBuffer = accepted.decodedEncoding == nil ? onlyChunk : nil
            let acceptance = GatewayAcceptance(
                body: sameBuffer ?? ByteBuffer(bytes: accepted.body), contentType: accepted.contentType, verdict: accepted.verdict,
                requestFields: fields, decodedEncoding: accepted.decodedEncoding
            )
            return Judgment(outcome: .forward(acceptance), sniffed: accepted.verdict.sniffed)
        case .rejected(let rejection):
            return Judgment(outcome: .refuse(GatewayRefusal(rejection, problemTypeBase: problemTypeBase)), sniffed: rejection.verdict?.sniffed)
        }
    }

    /// A 413 for a `Content-Length` past the policy's maximum size: certain before a byte is
    /// read, for a body whose length is its size (no Content-Encoding; decoding changes it).
    func lengthRefusal(_ headers: BodyHeaders) -> GatewayRefusal? {
        guard headers.contentEncoding == nil, let limit = gate.policy.maximumSize,
              let length = headers.contentLength, length > limit
        else { return nil }
        let reason = PayloadGate.Reason(
            PayloadGate.Code(.tooLarge),
            "the payload is \(length) bytes (Content-Length), more than \(limit) bytes, the most this policy accepts; it was refused before it was read."
        )
        return GatewayRefusal(status: .contentTooLarge, reasons: [reason], problemTypeBase: problemTypeBase)
    }
}

/// The fields that say how to read a body, found in one pass over a request's fields.
///
/// A lookup by name in `HTTPFields` scans every field and joins repeated values into a new
/// string; the gateway made four for each request, about 1 µs of a 1 KiB JSON request.
struct BodyHeaders {
    /// `Content-Type`, repeated values joined with ", " as `HTTPFields` joins them (a repeated
    /// Content-Type is then no media type, and refused as such).
    var contentType: String?
    /// `Content-Encoding`, repeated values joined with ", ".
    var contentEncoding: String?
    /// `Content-Length` as a number; nil when absent, repeated, or not a number.
    var contentLength: Int?

    init(_ fields: HTTPFields) {
        var lengths = 0
        var lengthText: String?
        for field in fields {
            switch field.name {
            case .contentType: contentType = Self.joining(contentType, field.value)
            case .contentEncoding: contentEncoding = Self.joining(contentEncoding, field.value)
            case .contentLength: lengths += 1; lengthText = field.value
            default: continue
            }
        }
        contentLength = lengths == 1 ? lengthText.flatMap { Int($0) } : nil
    }

    private static func joining(_ earlier: String?, _ value: String) -> String {
        earlier.map { "\($0), \(value)" } ?? value
    }
}
