import StrictJSON

/// Judges a request body as it streams in, and either refuses it as soon as the refusal is
/// certain or hands back the bytes to forward, with their Content-Type and verdict.
///
/// The gate is the framework-neutral core of a validating gateway: it knows nothing of servers.
/// An adapter gives it the request's Content-Type and Content-Encoding values and its body as
/// any asynchronous sequence of byte collections, and turns the ``Outcome`` into a response
/// (``Rejection/status`` and ``Rejection/problemDetails(typeBase:)``) or a forwarded request.
///
/// ```swift
/// var policy = AcceptancePolicy.deeploy
/// policy.maximumSize = 10 << 20
/// let gate = PayloadGate(sniffer: sniffer, policy: policy)
/// switch try await gate.judge(contentType: contentType, contentEncoding: nil, body: chunks) {
/// case .accepted(let accepted): forward(accepted.body, as: accepted.contentType)
/// case .rejected(let rejected): respond(rejected.status, rejected.problemDetails().serialized())
/// }
/// ```
///
/// An accepted body's verdict is the one ``Sniffer/verdict(_:declared:policy:)-([UInt8],_,_)``
/// gives the whole body. A body is refused before it ends only when no byte that could follow
/// can make it acceptable:
/// - before any byte is read, for a Content-Encoding other than identity, a declared value that
///   is not a media type, or a declared type (the policy's default, when there is none) that the
///   policy does not accept;
/// - at the first chunk that takes the body past ``AcceptancePolicy/maximumSize``: more bytes
///   only make it larger. That chunk is not kept, and no further chunk is asked for;
/// - for a body judged as JSON, at the chunk holding the first byte the strict validator refuses:
///   the validator reads left to right, so the whole body fails with that same error;
/// - for a body declared as an image or a PDF, once the prefix has settled every type the
///   sniffer could give the whole (``SnifferConfiguration/libmagicWindow`` bytes, at least 2 KiB)
///   and none is an image or a PDF. An ELF header declared as `image/png` is refused at the
///   first chunk when that chunk is that long; libmagic's answer on a shorter prefix can change.
///
/// Such an early refusal names the reason that made it certain; the verdict on the whole body
/// would be a refusal too, possibly with more reasons. The one exception in the codes: an empty
/// body declared as a type the policy does not accept is `empty` to the one-shot verdict, and
/// `not-accepted-type` here, since it is refused before its emptiness is known.
///
/// Memory: the gate holds the body it will hand back, so at most ``AcceptancePolicy/maximumSize``
/// bytes (plus one chunk). A policy without a maximum size holds whatever comes: give a gateway a
/// limit.
public struct PayloadGate: Sendable {
    /// The sniffer that judges bodies; one serves a whole process.
    public let sniffer: Sniffer
    /// The policy bodies are judged by; its ``AcceptancePolicy/maximumSize`` bounds what is read.
    public var policy: AcceptancePolicy

    /// Creates a gate judging bodies by `policy`.
    public init(sniffer: Sniffer, policy: AcceptancePolicy = .deeploy) {
        self.sniffer = sniffer
        self.policy = policy
    }

    /// How judging a body ended.
    public enum Outcome: Sendable {
        /// The body may be forwarded.
        case accepted(Acceptance)
        /// The body is refused; reading stopped as soon as that was certain.
        case rejected(Rejection)

        /// The acceptance, or nil when the body was refused.
        public var acceptance: Acceptance? { if case .accepted(let acceptance) = self { acceptance } else { nil } }
        /// The rejection, or nil when the body was accepted.
        public var rejection: Rejection? { if case .rejected(let rejection) = self { rejection } else { nil } }
    }

    /// An accepted body: the bytes to forward, the Content-Type to forward them with, and why.
    public struct Acceptance: Sendable, Hashable {
        /// Every byte of the body, as it arrived; replay it to the next handler or upstream.
        public var body: [UInt8]
        /// The normalised Content-Type to forward: `application/json` when the request had none.
        public var contentType: MediaType
        /// The verdict on the whole body, as ``Sniffer/verdict(_:declared:policy:)-([UInt8],_,_)`` gives it.
        public var verdict: Verdict
    }

    /// Judges a body arriving as `body`, declared with the Content-Type value `contentType` (nil
    /// when the header is absent) and the Content-Encoding value `contentEncoding` (nil when
    /// absent).
    ///
    /// Only `identity` (or no Content-Encoding) is supported yet; any other encoding is refused
    /// as ``Code/unsupportedEncoding`` before a byte is read.
    ///
    /// - Returns: ``Outcome/accepted(_:)`` with the bytes, or ``Outcome/rejected(_:)`` as soon as
    ///   the refusal is certain; the sequence is not iterated after that.
    /// - Throws: what `body` throws, and ``SniffError`` when libmagic fails.
    public func judge<Chunks: AsyncSequence>(
        contentType: String?, contentEncoding: String? = nil, body: Chunks
    ) async throws -> Outcome where Chunks.Element: Collection<UInt8> {
        if let reason = Self.unsupportedEncoding(contentEncoding) {
            return .rejected(Rejection(reasons: [reason], bytesRead: 0))
        }
        let declared = contentType.flatMap(AcceptancePolicy.parseDeclared)
        if let finding = policy.certainRejection(declared: contentType, parsed: declared) {
            return .rejected(Rejection(reasons: [Reason(finding)], bytesRead: 0))
        }
        var watch = PrefixWatch(sniffer: sniffer, policy: policy, declared: declared)
        var bytes: [UInt8] = []
        for try await chunk in body {
            if let limit = policy.maximumSize, chunk.count > limit - bytes.count {
                let reason = Reason(.tooLarge, AcceptancePolicy.stoppedReadingMessage(limit: limit))
                return .rejected(Rejection(reasons: [reason], bytesRead: bytes.count + chunk.count))
            }
            bytes.append(contentsOf: chunk)
            if let finding = try watch.check(chunk, body: bytes) {
                return .rejected(Rejection(reasons: [Reason(finding)], bytesRead: bytes.count))
            }
        }
        let verdict = try sniffer.verdict(bytes, declared: contentType, policy: policy)
        guard verdict.isAccepted, let effective = verdict.effectiveContentType else {
            return .rejected(Rejection(
                reasons: verdict.reasons.map(Reason.init), suggestedContentType: verdict.suggestedContentType,
                bytesRead: bytes.count, verdict: verdict
            ))
        }
        return .accepted(Acceptance(body: bytes, contentType: effective, verdict: verdict))
    }

    /// The refusal of a Content-Encoding other than identity; nil for none or identity.
    static func unsupportedEncoding(_ value: String?) -> Reason? {
        guard let value else { return nil }
        let codings = value.split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        guard codings.contains(where: { !$0.isEmpty && $0 != "identity" }) else { return nil }
        return Reason(
            .unsupportedEncoding,
            "the body is sent with Content-Encoding \(Diagnostic.quoted(value)), which this gateway cannot decode yet; send it unencoded (identity)."
        )
    }
}

/// What the gate watches in a body's prefix to refuse it early, where that is certain.
private struct PrefixWatch {
    let sniffer: Sniffer
    let declared: MediaType?
    /// The strict validator, for a body judged as JSON.
    var json: StreamingJSONValidator?
    /// The type the body's sniff must be (an image, a PDF) until the prefix has been checked.
    var mustBe: Kind?

    enum Kind { case image, pdf }

    init(sniffer: Sniffer, policy: AcceptancePolicy, declared: MediaType?) {
        self.sniffer = sniffer
        self.declared = declared
        // The type the policy judges the body as; `certainRejection` has made sure it is accepted.
        let effective = declared ?? policy.defaultContentType
        if effective.isJSON { json = StreamingJSONValidator(options: sniffer.sniffingJSONOptions) }
        if effective.isPDF { mustBe = .pdf } else if effective.isImage { mustBe = .image }
    }

    /// A finding that refuses the body whatever follows `chunk`, the last chunk of `body`.
    mutating func check(_ chunk: some Collection<UInt8>, body: [UInt8]) throws -> Verdict.Finding? {
        if json != nil {
            // An error thrown here is at a byte already read, not at the end: the validator
            // gives the whole body the same error (StreamingJSONValidator's contract), and the
            // policy refuses a body judged as JSON with any error, with this message.
            do throws(JSONError) {
                try json?.consume(chunk)
            } catch {
                json = nil
                return Verdict.Finding(.invalidJSON, AcceptancePolicy.invalidJSONMessage(declared: declared, error))
            }
        }
        if let kind = mustBe, body.count >= sniffer.prefixCertaintyLength {
            mustBe = nil
            let possible = body.withUnsafeBytes { sniffer.possibleTypes(ofPayloadStartingWith: $0) }
            guard let possible else { return nil }
            let declaredEssence = declared?.essence ?? "an image"
            switch kind {
            case .image where !possible.contains(where: \.isImage):
                return Verdict.Finding(.declaredMismatch, "declared \(declaredEssence), but the bytes are not an image: they start as \(possible[0].essence).")
            case .pdf where !possible.contains(where: \.isPDF):
                return Verdict.Finding(.declaredMismatch, "declared application/pdf, but the bytes are not a PDF: they start as \(possible[0].essence).")
            default:
                return nil
            }
        }
        return nil
    }
}
