import DeeployPayload
import Logging
import Metrics
import NIOConcurrencyHelpers
import Tracing

/// The metrics and the tracer a gateway records its judgments with, made once.
///
/// swift-metrics asks for metrics to be made once and kept: making the three of them for every
/// judgment (a class each, their dimension arrays, the factory's lock) was about 0.5 µs of a
/// gateway's 1 KiB JSON request, and reading `InstrumentationSystem.tracer` (a lock and a
/// dynamic cast) about as much again.
final class Instruments: Sendable {
    let factory: any MetricsFactory
    let tracer: any Tracer
    /// The timer, byte recorder and uncoded counter of each outcome.
    private let forward: OutcomeInstruments
    private let refuse: OutcomeInstruments
    private let error: OutcomeInstruments
    /// Counters of refusals by code, made at first use: the codes are a fixed set.
    private let refusalCounters: NIOLockedValueBox<[String: Counter]>

    /// How a judgment ended.
    enum Outcome: String {
        case forward, refuse, error
    }

    struct OutcomeInstruments {
        let timer: Timer
        let recorder: Recorder
        /// The counter with code `none`.
        let counter: Counter

        init(_ outcome: Outcome, factory: any MetricsFactory) {
            let dimensions = [("outcome", outcome.rawValue)]
            timer = Timer(label: Observation.judgingTimer, dimensions: dimensions, factory: factory)
            recorder = Recorder(label: Observation.bodyBytesRecorder, dimensions: dimensions, factory: factory)
            counter = Counter(label: Observation.verdictsCounter, dimensions: dimensions + [("code", "none")], factory: factory)
        }
    }

    /// Whether metrics are recorded anywhere: not with swift-metrics' no-op factory (the
    /// default when no backend is bootstrapped), and then the clock is not read either.
    let recordsMetrics: Bool
    /// Whether spans go anywhere: not with the no-op tracer (the default when no tracing
    /// backend is bootstrapped), and then none is started. Together with the line above and
    /// keeping the chosen factory and tracer here, this took a judged 1 KiB JSON request from
    /// 44.4 to 42.5 µs of server CPU (medians of 3 load-test rounds): the clock read twice,
    /// four calls to no-op handlers, a no-op span started (reading a task-local context) and
    /// ended.
    let tracesSpans: Bool
    /// The factory and tracer the gateway was given, nil for the systems' own.
    let chosenFactory: (any MetricsFactory)?
    let chosenTracer: (any Tracer)?

    init(factory chosenFactory: (any MetricsFactory)?, tracer chosenTracer: (any Tracer)?) {
        self.chosenFactory = chosenFactory
        self.chosenTracer = chosenTracer
        let factory = chosenFactory ?? MetricsSystem.factory
        self.factory = factory
        tracer = chosenTracer ?? InstrumentationSystem.tracer
        recordsMetrics = !(factory is NOOPMetricsHandler)
        tracesSpans = !(tracer is NoOpTracer)
        forward = OutcomeInstruments(.forward, factory: factory)
        refuse = OutcomeInstruments(.refuse, factory: factory)
        error = OutcomeInstruments(.error, factory: factory)
        refusalCounters = NIOLockedValueBox([:])
    }

    subscript(outcome: Outcome) -> OutcomeInstruments {
        switch outcome {
        case .forward: forward
        case .refuse: refuse
        case .error: error
        }
    }

    /// The counter of refusals with `code`.
    func refusalCounter(code: String) -> Counter {
        refusalCounters.withLockedValue { counters in
            if let counter = counters[code] { return counter }
            let counter = Counter(label: Observation.verdictsCounter, dimensions: [("outcome", "refuse"), ("code", code)], factory: factory)
            counters[code] = counter
            return counter
        }
    }
}

/// The logs, metrics and span of one judgment.
///
/// What is recorded, and nothing more (never payload bytes, messages about them, or credentials):
/// - log, at debug: `payload verdict` with metadata `payload.outcome`, `payload.codes`,
///   `payload.declared_type`, `payload.effective_type`, `payload.sniffed_type`,
///   `payload.bytes`, `payload.part`;
/// - `deeploy_payload_verdicts`, a counter with dimensions `outcome` (`forward`, `refuse`,
///   `error`) and `code` (the first reason code, `none` for a forward or an error): both come
///   from fixed sets, so the cardinality stays low;
/// - `deeploy_payload_judging_duration`, a timer (nanoseconds) with dimension `outcome`;
/// - `deeploy_payload_body_bytes`, a recorder of the bytes read (refusal) or forwarded
///   (forward), with dimension `outcome`;
/// - a span `payload.verdict` with attributes `payload.outcome`, `payload.codes`,
///   `payload.declared_type`, `payload.sniffed_type`, `payload.effective_type`,
///   `payload.bytes`, `payload.part`; a thrown error is recorded on it.
///
/// Media types are recorded as their essence (`image/png`), without parameters such as a
/// multipart boundary; a declared value that is not a media type is recorded as `invalid`.
struct Observation {
    /// The metric names, part of the public contract (see ``PayloadGateway``).
    static let verdictsCounter = "deeploy_payload_verdicts"
    static let judgingTimer = "deeploy_payload_judging_duration"
    static let bodyBytesRecorder = "deeploy_payload_body_bytes"
    static let spanName = "payload.verdict"

    let instruments: Instruments
    /// The span, when spans go anywhere.
    let span: (any Span)?
    /// When judging started, when metrics are recorded.
    let start: ContinuousClock.Instant?
    /// The declared Content-Type value as received; parsed to its essence only when a span
    /// records or the logger logs at debug.
    let declaredValue: String?
    /// Whether neither metrics nor a span record this judgment (no backends): then only a
    /// debug logger would. Asked of the span and the start at the end, the optional span was
    /// copied and destroyed to be compared with nil.
    let recordsNothing: Bool

    init(gateway: PayloadGateway, declaredValue: String?) {
        instruments = gateway.instruments
        span = instruments.tracesSpans ? instruments.tracer.startSpan(Self.spanName, ofKind: .internal) : nil
        start = instruments.recordsMetrics ? .now : nil
        recordsNothing = !instruments.tracesSpans && !instruments.recordsMetrics
        self.declaredValue = declaredValue
    }

    /// The declared type's essence, `invalid` when it is not a media type, nil when absent.
    var declaredType: String? {
        declaredValue.map { MediaType($0)?.essence ?? "invalid" }
    }

    /// Records a judgment that ended in an outcome.
    func finish(_ judgment: PayloadGateway.Judgment, logger: Logger) {
        // Nothing to record, the common case without backends: the outcome is not even looked at.
        guard !recordsNothing || logger.logLevel <= .debug else { return }
        switch judgment.outcome {
        case .forward(let acceptance):
            record(.forward, refusalCode: nil, bytes: acceptance.body.readableBytes)
        case .refuse(let refusal):
            record(.refuse, refusalCode: refusal.codes.first ?? "none", bytes: refusal.bytesRead)
        }
        // Span attributes and log metadata are built only when something keeps them: with the
        // default no-op tracer and a logger above debug, building them was ~9% of the judged
        // bench server's CPU samples (1 KiB JSON, see the commit message).
        let recording = span?.isRecording ?? false
        let logging = logger.logLevel <= .debug
        guard recording || logging else {
            span?.end()
            return
        }
        let outcome: String
        let codes: [String]
        let bytes: Int
        var effective: String?
        var part: String?
        switch judgment.outcome {
        case .forward(let acceptance):
            (outcome, codes, bytes) = ("forward", [], acceptance.body.readableBytes)
            effective = acceptance.contentType.essence
            part = acceptance.partName
        case .refuse(let refusal):
            (outcome, codes, bytes) = ("refuse", refusal.codes, refusal.bytesRead)
            part = refusal.partName
        }
        let sniffed = judgment.sniffed?.essence
        let declaredType = self.declaredType
        if recording, let span {
            setAttributes(of: span, outcome: outcome, codes: codes, bytes: bytes, declared: declaredType, sniffed: sniffed, effective: effective, part: part)
        }
        span?.end()
        guard logging else { return }
        var metadata: Logger.Metadata = [
            "payload.outcome": "\(outcome)",
            "payload.codes": .array(codes.map { .string($0) }),
            "payload.bytes": "\(bytes)",
        ]
        if let declaredType { metadata["payload.declared_type"] = "\(declaredType)" }
        if let sniffed { metadata["payload.sniffed_type"] = "\(sniffed)" }
        if let effective { metadata["payload.effective_type"] = "\(effective)" }
        if let part { metadata["payload.part"] = "\(part)" }
        logger.debug("payload verdict", metadata: metadata)
    }

    private func setAttributes(
        of span: any Span, outcome: String, codes: [String], bytes: Int, declared declaredType: String?, sniffed: String?, effective: String?, part: String?
    ) {
        var attributes = span.attributes
        attributes["payload.outcome"] = outcome
        attributes["payload.codes"] = SpanAttribute.stringArray(codes)
        attributes["payload.bytes"] = SpanAttribute.int64(Int64(bytes))
        if let declaredType { attributes["payload.declared_type"] = declaredType }
        if let sniffed { attributes["payload.sniffed_type"] = sniffed }
        if let effective { attributes["payload.effective_type"] = effective }
        if let part { attributes["payload.part"] = part }
        span.attributes = attributes
    }

    /// Records a judgment that threw: the body failed (the client went away), or the sniffer.
    func fail(_ error: any Error, logger: Logger) {
        record(.error, refusalCode: nil, bytes: nil)
        if let span, span.isRecording {
            span.recordError(error)
            span.attributes["payload.outcome"] = "error"
        }
        span?.end()
        logger.debug("payload verdict", metadata: ["payload.outcome": "error", "payload.error": "\(String(reflecting: type(of: error)))"])
    }

    /// Counts, times and sizes a judgment; `refusalCode` is the first code of a refusal.
    private func record(_ outcome: Instruments.Outcome, refusalCode: String?, bytes: Int?) {
        guard let start else { return }
        let measures = instruments[outcome]
        if let refusalCode {
            instruments.refusalCounter(code: refusalCode).increment()
        } else {
            measures.counter.increment()
        }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        measures.timer.recordNanoseconds(nanoseconds)
        if let bytes {
            measures.recorder.record(bytes)
        }
    }
}
