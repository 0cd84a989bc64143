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
    public var gate: PayloadGate {
        get { settings.gate }
        set { change { $0.gate = newValue } }
    }
    /// Whether to refuse a request whose `Authorization` value is malformed, 401.
    public var checksAuthorization: Bool {
        get { settings.checksAuthorization }
        set { change { $0.checksAuthorization = newValue } }
    }
    /// How `multipart/form-data` bodies are read.
    public var multipart: MultipartRules {
        get { settings.multipart }
        set { change { $0.multipart = newValue } }
    }
    /// The RFC 9457 `type` base URI of problem bodies; nil for `about:blank`.
    public var problemTypeBase: String? {
        get { settings.problemTypeBase }
        set { change { $0.problemTypeBase = newValue } }
    }
    /// The metrics factory to count verdicts in; nil for the process's `MetricsSystem.factory`
    /// as it is when the gateway is made (or this is set): bootstrap the metrics system first.
    public var metricsFactory: (any MetricsFactory)? {
        get { instruments.chosenFactory }
        set { change { $0.instruments = Instruments(factory: newValue, tracer: $0.instruments.chosenTracer) } }
    }
    /// The tracer to record `payload.verdict` spans with; nil for `InstrumentationSystem.tracer`
    /// as it is when the gateway is made (or this is set): bootstrap the instrumentation system
    /// first.
    public var tracer: (any Tracer)? {
        get { instruments.chosenTracer }
        set { change { $0.instruments = Instruments(factory: $0.instruments.chosenFactory, tracer: newValue) } }
    }
    /// The metrics and tracer, made once (see `Instruments`). The two choices above are kept
    /// in it too, not beside it.
    var instruments: Instruments { settings.instruments }

    /// The settings, in one immutable box replaced when one is set: a gateway is copied into
    /// the asynchronous frame of every judgment, and field by field that retained and released
    /// the sniffer, the policy's types, the strings and the instruments each time (about
    /// 0.15 µs of a 1 KiB JSON request, perf).
    private var box: Box

    private struct Settings: Sendable {
        var gate: PayloadGate
        var checksAuthorization: Bool
        var multipart: MultipartRules
        var problemTypeBase: String?
        var instruments: Instruments
    }

    private final class Box: Sendable {
        let settings: Settings
        init(_ settings: Settings) { self.settings = settings }
    }

    private var settings: Settings { box.settings }

    private mutating func change(_ body: (inout Settings) -> Void) {
        var settings = box.settings
        body(&settings)
        box = Box(settings)
    }

    /// Creates a gateway judging bodies with `gate`.
    public init(
        gate: PayloadGate, checksAuthorization: Bool = false, multipart: MultipartRules = .init(),
        problemTypeBase: String? = nil, metricsFactory: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil
    ) {
        box = Box(Settings(
            gate: gate, checksAuthorization: checksAuthorization, multipart: multipart, problemTypeBase: problemTypeBase,
            instruments: Instruments(factory: metricsFactory, tracer: tracer)
        ))
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
    ///
    /// It is an ordinary `nonisolated` function, and runs on the global concurrent executor (or
    /// the task's preferred executor), as servers' handlers do. A `Sendable` body (Hummingbird's
    /// and Vapor's are) can be judged from anywhere. An actor can judge a body that is not
    /// `Sendable` when the body is not part of its state: one it made for the call, say
    /// (`KitIsolationTests`).
    ///
    /// Inlinable, so that an adapter reads its own body type with specialised calls rather than
    /// through the protocol's witnesses: that alone took the Hummingbird middleware's cost over
    /// a plain handler from 3.68 to 3.50 µs a 1 KiB JSON request (an in-process loop of 200,000
    /// requests, medians of 5 rounds).
    ///
    /// Not `nonisolated(nonsending)`, and the body is read with its iterator's `next()`, not
    /// `for try await`: a loop in a function isolated as its caller is must call
    /// `next(isolation:)`, whose default implementation hops to the global executor for `next()`
    /// and back again. Here no hop is asked for: the served 1 KiB JSON request made 8 fewer
    /// executor switches and 12 fewer task allocations (uprobes on the Swift runtime), and the
    /// in-process loop's cost went from 4.08–4.15 to 3.88–3.96 µs a request. A `for try await`
    /// loop here made more switches than before.
    @inlinable
    public func judge<Body: AsyncSequence>(
        fields: HTTPFields, body: Body, logger: Logger
    ) async throws -> GatewayOutcome where Body.Element == ByteBuffer {
        var judging = Judging(gateway: self, fields: fields)
        do {
            if judging.readsForm {
                try await judging.judgeForm(body: body)
            } else if judging.readsBody {
                var chunks = body.makeAsyncIterator()
                while let chunk = try await chunks.next() {
                    if try judging.consume(chunk) { break }
                }
                try judging.endBody()
            }
            return judging.finish(logger: logger)
        } catch {
            judging.fail(error, logger: logger)
            throw error
        }
    }

    /// The 401 refusal for the request's `Authorization` value, or nil when it is valid or
    /// absent: the check ``judge(fields:body:logger:)`` makes first with
    /// ``checksAuthorization``, for an adapter that wants it alone.
    public func authorizationRefusal(fields: HTTPFields) -> GatewayRefusal? {
        AuthorizationCheck.refusal(fields: fields, problemTypeBase: problemTypeBase)
    }

    /// One request's judgment as ``judge(fields:body:logger:)`` makes it: all of it but reading
    /// the body, which the inlined `judge` does itself.
    @usableFromInline
    struct Judging {
        let gateway: PayloadGateway
        let fields: HTTPFields
        let headers: BodyHeaders
        let observation: Observation
        /// The judgment, once made (by the fields alone, or at the body's end).
        var judgment: Judgment?
        /// The form to read, for a `multipart/form-data` body.
        var form: MultipartForm?
        /// The gate's session, for any other body.
        var session: PayloadGate.Session?
        var chunks = 0
        var firstChunk: ByteBuffer?
        /// Whether the first chunk is not yet given to the session: a body that may be the
        /// session's whole, unwatched body is judged where it lies when it ends after it.
        var firstChunkWaits = false
        /// The body so far, for a session whose body the gateway holds (see
        /// `PayloadGate.Session.isHeldByCaller`): the first chunk as it came, then a buffer of
        /// the gateway's own (``ownsHeld``).
        var held: ByteBuffer?
        var ownsHeld = false

        @usableFromInline
        init(gateway: PayloadGateway, fields: HTTPFields) {
            self.gateway = gateway
            self.fields = fields
            headers = BodyHeaders(fields)
            observation = Observation(gateway: gateway, declaredValue: headers.contentType)
            switch gateway.start(fields: fields, headers: headers) {
            case .decided(let decided): judgment = decided
            case .multipart(let form): self.form = form
            case .single(let session): self.session = session
            }
        }

        /// Whether the body is a form, for ``judgeForm(body:)``.
        @usableFromInline var readsForm: Bool { form != nil }
        /// Whether the body is read chunk by chunk with ``consume(_:)`` and ``endBody()``.
        @usableFromInline var readsBody: Bool { session != nil }

        /// Reads and judges a form.
        @usableFromInline
        nonisolated(nonsending) mutating func judgeForm<Body: AsyncSequence>(body: Body) async throws where Body.Element == ByteBuffer {
            guard let form else { return }
            let judge = MultipartJudge(gateway: gateway, fields: fields, contentEncoding: headers.contentEncoding)
            judgment = try await judge.judge(form: form, body: body)
        }

        /// Takes the next buffer of the body; true when the body is refused and reading stops.
        @usableFromInline
        mutating func consume(_ chunk: ByteBuffer) throws -> Bool {
            chunks += 1
            if chunks == 1 {
                firstChunk = chunk
                // The session would hold it without looking at it, after checking its size
                // (as holdsUnwatched does): it may wait for the body's end, and be judged where
                // it lies when the body ends with it.
                firstChunkWaits = session!.holdsUnwatched(chunk.readableBytes)
                if firstChunkWaits { return false }
            } else if let firstChunk = firstChunk.take() {
                // Not needed past the second chunk: let go of the connection's buffer it is a
                // slice of.
                if firstChunkWaits {
                    firstChunkWaits = false
                    if try give(firstChunk) { return true }
                }
            }
            return try give(chunk)
        }

        /// Gives `chunk` to the session, or holds it for the session; true when the body is refused.
        private mutating func give(_ chunk: ByteBuffer) throws -> Bool {
            guard session!.isHeldByCaller else { return try chunk.withUnsafeReadableBytes { try session!.refuses($0) } }
            guard session!.admits(chunk.readableBytes) else { return true }
            if var body = held.take() {
                // The first chunk is a slice of the connection's buffer: it is moved into one of
                // the gateway's own, with room, when the second arrives.
                let needed = body.readableBytes + chunk.readableBytes
                if !ownsHeld || needed > body.capacity {
                    // The room the session would make for the body (ByteBuffer rounds it up to a
                    // power of two; room not yet written is not resident).
                    let gate = gateway.gate
                    let room = max(needed, headers.contentLength.map(gate.room(forDeclaredLength:)) ?? 0, gate.room(pastOneMebibyte: needed) ?? 0)
                    var grown = ByteBufferAllocator().buffer(capacity: room)
                    grown.writeImmutableBuffer(body)
                    body = grown
                    ownsHeld = true
                }
                body.writeImmutableBuffer(chunk)
                held = body
            } else {
                held = chunk
            }
            return try held!.withUnsafeReadableBytes { try session!.refuses(held: $0, newBytes: chunk.readableBytes) }
        }

        /// Judges the body once it has all arrived, or been refused.
        @usableFromInline
        mutating func endBody() throws {
            if firstChunkWaits, let firstChunk {
                judgment = try gateway.end(&session!, whole: firstChunk, fields: fields, headers: headers)
            } else if session!.isHeldByCaller {
                judgment = try gateway.end(&session!, held: held.take() ?? ByteBuffer(), fields: fields, headers: headers)
            } else {
                judgment = try gateway.end(&session!, onlyChunk: chunks == 1 ? firstChunk : nil, fields: fields, headers: headers)
            }
        }

        /// Records the judgment, and returns its outcome. The judgment is taken, not copied:
        /// a copy of the outcome (an enum with payloads) and of the sniffed type, then their
        /// release with the judging, went through outlined value witnesses on every request.
        @usableFromInline
        mutating func finish(logger: Logger) -> GatewayOutcome {
            guard let judgment = judgment.take() else { preconditionFailure("judged before its end") }
            observation.finish(judgment, logger: logger)
            return judgment.outcome
        }

        /// Records a judgment that threw.
        @usableFromInline
        func fail(_ error: any Error, logger: Logger) {
            observation.fail(error, logger: logger)
        }
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
        // The gateway holds a body it forwards as it came (no Content-Encoding): one buffer,
        // which a ByteBuffer keeps under 4 GiB.
        let session = gate.session(
            contentType: headers.contentType, contentEncoding: headers.contentEncoding, contentLength: headers.contentLength,
            heldByCaller: gate.maximumSize.map { $0 < 1 << 31 } ?? false
        )
        if session.isRefused, let rejection = session.rejection {
            return .decided(Judgment(outcome: .refuse(GatewayRefusal(rejection, problemTypeBase: problemTypeBase))))
        }
        return .single(session)
    }

    /// The judgment once the session has all the body or has refused it.
    /// `onlyChunk` is the body when it arrived as one buffer: an accepted, unencoded body is
    /// forwarded as that buffer rather than copied into a new one.
    func end(
        _ session: inout PayloadGate.Session, onlyChunk: ByteBuffer?, fields: HTTPFields, headers: BodyHeaders
    ) throws -> Judgment {
        judgment(of: try session.finish(), onlyChunk: onlyChunk, fields: fields, headers: headers)
    }

    /// The judgment of a body that arrived as the one buffer `whole`, not given to the session
    /// (see `PayloadGate.Session.finish(whole:)`): accepted, it is forwarded as that buffer.
    func end(_ session: inout PayloadGate.Session, whole: ByteBuffer, fields: HTTPFields, headers: BodyHeaders) throws -> Judgment {
        judgment(of: try whole.withUnsafeReadableBytes { try session.finish(whole: $0) }, body: whole, fields: fields, headers: headers)
    }

    /// The judgment of a body the gateway held, `held` (see `PayloadGate.Session.finish(held:)`):
    /// accepted, it is forwarded as that buffer.
    func end(_ session: inout PayloadGate.Session, held: ByteBuffer, fields: HTTPFields, headers: BodyHeaders) throws -> Judgment {
        judgment(of: try held.withUnsafeReadableBytes { try session.finish(held: $0) }, body: held, fields: fields, headers: headers)
    }

    /// The judgment of a body the gateway holds as `whole`, ended as `ended`.
    private func judgment(of ended: consuming PayloadGate.WholeBodyOutcome, body whole: ByteBuffer, fields: HTTPFields, headers: BodyHeaders) -> Judgment {
        switch consume ended {
        case .accepted(let contentType, let verdict):
            let sniffed = verdict.sniffed
            let acceptance = GatewayAcceptance(
                body: whole, contentType: contentType, verdict: verdict, requestFields: fields,
                keepsRequestFields: headers.describe(length: whole.readableBytes, type: contentType)
            )
            return Judgment(outcome: .forward(acceptance), sniffed: sniffed)
        case .outcome(let outcome):
            return judgment(of: outcome, onlyChunk: whole, fields: fields, headers: headers)
        }
    }

    /// The judgment for the session's outcome; `onlyChunk` as in `end(_:onlyChunk:fields:headers:)`.
    private func judgment(of outcome: PayloadGate.Outcome, onlyChunk: ByteBuffer?, fields: HTTPFields, headers: BodyHeaders) -> Judgment {
        switch outcome {
        case .accepted(let accepted):
            var acceptance: GatewayAcceptance
            if accepted.decodedEncoding == nil {
                let body = onlyChunk ?? ByteBuffer(bytes: accepted.body)
                acceptance = GatewayAcceptance(
                    body: body, contentType: accepted.contentType, verdict: accepted.verdict, requestFields: fields,
                    keepsRequestFields: headers.describe(length: body.readableBytes, type: accepted.contentType)
                )
            } else {
                acceptance = GatewayAcceptance(
                    body: ByteBuffer(bytes: accepted.body), contentType: accepted.contentType, verdict: accepted.verdict,
                    requestFields: fields, decodedEncoding: accepted.decodedEncoding
                )
            }
            return Judgment(outcome: .forward(acceptance), sniffed: accepted.verdict.sniffed)
        case .rejected(let rejection):
            return Judgment(outcome: .refuse(GatewayRefusal(rejection, problemTypeBase: problemTypeBase)), sniffed: rejection.verdict?.sniffed)
        }
    }

    /// A 413 for a `Content-Length` past the policy's maximum size: certain before a byte is
    /// read, for a body whose length is its size (no Content-Encoding; decoding changes it).
    func lengthRefusal(_ headers: BodyHeaders) -> GatewayRefusal? {
        guard headers.contentEncoding == nil, let limit = gate.maximumSize,
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
    /// How many `Content-Type` fields there are.
    var contentTypeCount = 0
    /// Whether there is a `Transfer-Encoding` field.
    var hasTransferEncoding = false

    init(_ fields: HTTPFields) {
        var lengths = 0
        var lengthText: String?
        for field in fields {
            switch field.name {
            case .contentType: contentType = Self.joining(contentType, field.value); contentTypeCount += 1
            case .contentEncoding: contentEncoding = Self.joining(contentEncoding, field.value)
            case .contentLength: lengths += 1; lengthText = field.value
            case .transferEncoding: hasTransferEncoding = true
            default: continue
            }
        }
        contentLength = lengths == 1 ? lengthText.flatMap { Int($0) } : nil
    }

    /// Whether these fields, as they came, describe a body of `length` bytes of `type`: what
    /// `GatewayAcceptance/keepsRequestFields` says of them.
    func describe(length: Int, type: MediaType) -> Bool {
        contentTypeCount == 1 && contentLength == length && contentEncoding == nil && !hasTransferEncoding
            && contentType == type.description
    }

    private static func joining(_ earlier: String?, _ value: String) -> String {
        earlier.map { "\($0), \(value)" } ?? value
    }
}
