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
/// - before any byte is read, for a Content-Encoding the gate does not decode, a declared value that
///   is not a media type, or a declared type (the policy's default, when there is none) that the
///   policy does not accept;
/// - at the first chunk that takes the body past ``AcceptancePolicy/maximumSize``: more bytes
///   only make it larger. That chunk is not kept, and no further chunk is asked for;
/// - for a body judged as JSON, at the chunk holding the first byte the strict validator refuses:
///   the validator reads left to right, so the whole body fails with that same error;
/// - for a body declared as an image or a PDF, once the prefix has settled every type the
///   sniffer could give the whole (``SnifferConfiguration/libmagicWindow`` bytes, at least 2 KiB)
///   and none is an image or a PDF. An ELF header declared as `image/png` is refused at the
///   first chunk when that chunk is that long; libmagic's answer on a shorter prefix can change;
/// - for a body declared as a text type, at the chunk holding its first binary byte (such as
///   NUL), once its first bytes show no UTF-16 byte-order mark: text with such a byte is refused
///   whatever follows.
///
/// ``Sniffer/verdict(chunks:declared:policy:stoppingOnceRefused:)`` stops reading by the same
/// rules.
///
/// Such an early refusal names the reason that made it certain; the verdict on the whole body
/// would be a refusal too, possibly with more reasons. The one exception in the codes: an empty
/// body declared as a type the policy does not accept is `empty` to the one-shot verdict, and
/// `not-accepted-type` here, since it is refused before its emptiness is known.
///
/// ## Content-Encoding
///
/// A body sent with `Content-Encoding: gzip` (or `x-gzip`) or `deflate` is decoded with the
/// system's zlib as it arrives, and everything above applies to the decoded bytes. `deflate` is
/// the zlib format (RFC 9110 §8.4.1.2); a body whose first two bytes are no zlib header is
/// taken as raw deflate, as some old clients send it. Concatenated gzip members are decoded one
/// after the other. Any other coding, or several stacked, is refused before a byte is read as
/// ``Code/unsupportedEncoding`` (415). While decoding:
/// - the policy's ``AcceptancePolicy/maximumSize`` bounds the decoded bytes: one byte past it
///   and decoding stops, `too-large` (413);
/// - ``maximumExpansionRatio`` bounds the decoded bytes against the encoded bytes read so far
///   (past ``expansionAllowance``): a gzip bomb is refused as ``Code/compressionBomb`` (413) at
///   the first chunk that passes the ratio, with at most ratio × bytes read (plus one) inflated;
/// - the encoded bytes are bounded too, by the maximum size plus 1/64 and 1 KiB of framing, so
///   a stream that decodes to little cannot be read forever;
/// - a corrupt stream is refused as ``Code/invalidEncoding`` (400) at the chunk where zlib finds
///   the error, a stream cut off before its end (its gzip trailer, its zlib checksum) when the
///   body ends.
///
/// The gate forwards the **decoded** bytes, without a Content-Encoding
/// (``Acceptance/contentEncoding`` is nil, ``Acceptance/decodedEncoding`` says what was
/// removed). The verdict was made on the decoded bytes, so those are the bytes it vouches for:
/// forwarding the original would leave the upstream to decode them again with its own decoder,
/// which may read a stream differently (trailing bytes, concatenated members, a raw deflate
/// fallback) and see bytes the gate never judged. And Deeploy's model servers (KServe's Python
/// servers among them) do not decode request bodies: an encoded body would reach the model as
/// compressed bytes. The cost is bandwidth between gateway and upstream, usually a local hop.
///
/// Memory: the gate holds the body it will hand back, so at most ``AcceptancePolicy/maximumSize``
/// bytes (plus one chunk; for an encoded body, zlib's state and a 64 KiB buffer). A policy without a maximum size holds whatever comes: give a gateway a
/// limit.
public struct PayloadGate: Sendable {
    /// The sniffer that judges bodies; one serves a whole process.
    public var sniffer: Sniffer { settings.sniffer }
    /// The policy bodies are judged by; its ``AcceptancePolicy/maximumSize`` bounds what is read.
    public var policy: AcceptancePolicy {
        get { settings.policy }
        set { settings = Settings(sniffer: settings.sniffer, policy: newValue, maximumExpansionRatio: settings.maximumExpansionRatio) }
    }

    /// How many times larger than its encoded bytes a gzip or deflate body may decode to
    /// (decoded bytes / encoded bytes read so far); past that it is refused as
    /// ``Code/compressionBomb``. A decoded body of up to ``expansionAllowance`` bytes is never
    /// refused for its ratio.
    public var maximumExpansionRatio: Int {
        get { settings.maximumExpansionRatio }
        set { settings = Settings(sniffer: settings.sniffer, policy: settings.policy, maximumExpansionRatio: newValue) }
    }

    /// The policy's ``AcceptancePolicy/maximumSize``, read in place: through ``policy`` another
    /// module copies the whole policy (and retains its references) for one number.
    package var maximumSize: Int? { settings.policy.maximumSize }

    /// The room to make at once for a body that declared `length` bytes: that length, at most
    /// the maximum size (or ``Session/wholeBodyLength`` without one) and 16 MiB, since a length
    /// can lie. For the session's array, and for a gateway's buffer when it holds the body.
    package func room(forDeclaredLength length: Int) -> Int {
        min(length, maximumSize ?? Session.wholeBodyLength, 16 << 20)
    }

    /// Past 1 MiB held, the room to make for a body of `needed` bytes: the rest of the maximum
    /// size (at most 16 MiB) in one step; nil below that, or without a maximum size. Grown by
    /// doubling, a body's 8 MiB and the 16 MiB it moved to were both resident while it was
    /// copied: 64 uploads refused at a 10 MiB limit peaked at 752–792 MiB of RSS, against
    /// 740 MiB for 64 × 10 MiB and 100 MiB (scripts/gateway-load.sh memory). Room not yet
    /// written is not resident.
    package func room(pastOneMebibyte needed: Int) -> Int? {
        guard needed > 1 << 20, let limit = maximumSize else { return nil }
        return max(needed, min(limit, 16 << 20) + 1)
    }

    /// The sniffer, the policy and the ratio, in one immutable box replaced when one is set: a
    /// gate is copied into every session, and field by field that retained and released the
    /// sniffer and each of the policy's references (its accepted types, its default type) for
    /// each body judged.
    private(set) var settings: Settings

    final class Settings: Sendable {
        let sniffer: Sniffer
        let policy: AcceptancePolicy
        let maximumExpansionRatio: Int

        init(sniffer: Sniffer, policy: AcceptancePolicy, maximumExpansionRatio: Int) {
            self.sniffer = sniffer
            self.policy = policy
            self.maximumExpansionRatio = maximumExpansionRatio
        }
    }

    /// The decoded size below which ``maximumExpansionRatio`` does not apply, 64 KiB: small
    /// bodies compress well legitimately, and that much costs nothing to hold.
    public static let expansionAllowance = 64 * 1024

    /// Creates a gate judging bodies by `policy`, and decoding gzip and deflate bodies to at
    /// most `maximumExpansionRatio` times their encoded size (100 by default).
    public init(sniffer: Sniffer, policy: AcceptancePolicy = .deeploy, maximumExpansionRatio: Int = 100) {
        settings = Settings(sniffer: sniffer, policy: policy, maximumExpansionRatio: maximumExpansionRatio)
    }

    /// A Content-Encoding the gate decodes.
    public enum ContentCoding: String, Sendable, Hashable, CaseIterable {
        /// gzip (RFC 1952); `x-gzip` is the same.
        case gzip
        /// deflate: the zlib format (RFC 1950), or raw deflate (RFC 1951) from old clients.
        case deflate

        /// The coding a lowercased Content-Encoding token names, or nil.
        init?(token: String) {
            switch token {
            case "gzip", "x-gzip": self = .gzip
            case "deflate": self = .deflate
            default: return nil
            }
        }
    }

    /// zlib failed for want of memory while decoding a body; not the body's fault.
    public struct DecoderFailure: Error, Sendable, CustomStringConvertible {
        /// What zlib reported.
        public var description: String
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
        /// Every byte of the body, decoded when it arrived with a Content-Encoding: the bytes
        /// the verdict was made on. Replay them to the next handler or upstream.
        public var body: [UInt8]
        /// The normalised Content-Type to forward: `application/json` when the request had none.
        public var contentType: MediaType
        /// The verdict on the whole body, as ``Sniffer/verdict(_:declared:policy:)-([UInt8],_,_)`` gives it.
        public var verdict: Verdict
        /// The Content-Encoding the request arrived with and the gate decoded, or nil when it
        /// arrived unencoded.
        public var decodedEncoding: ContentCoding?

        /// The Content-Encoding ``body`` carries: always nil, since the gate forwards decoded
        /// bytes. Forward them without the request's Content-Encoding header, with a
        /// Content-Length of `body.count`.
        public var contentEncoding: ContentCoding? { nil }
    }

    /// Judges a body arriving as `body`, declared with the Content-Type value `contentType` (nil
    /// when the header is absent), the Content-Encoding value `contentEncoding` (nil when
    /// absent) and the `Content-Length` `contentLength` (nil when absent).
    ///
    /// A `gzip` (or `x-gzip`) or `deflate` body is decoded as it arrives and its decoded bytes
    /// are judged; `identity` is no encoding. Any other value, or several codings stacked, is
    /// refused as ``Code/unsupportedEncoding`` before a byte is read.
    ///
    /// A body that declares a length of at most ``Session/wholeBodyLength`` is judged once it
    /// has arrived rather than as it arrives (see ``Session``); its outcome is the same.
    ///
    /// - Returns: ``Outcome/accepted(_:)`` with the (decoded) bytes, or ``Outcome/rejected(_:)``
    ///   as soon as the refusal is certain; the sequence is not iterated after that.
    /// - Throws: what `body` throws, ``SniffError`` when libmagic fails, and ``DecoderFailure``
    ///   when zlib cannot decode for want of memory.
    ///
    /// It runs on its caller's executor (`nonisolated(nonsending)`): an actor can judge a body
    /// sequence that is not `Sendable`, and no hop to another executor is made.
    nonisolated(nonsending) public func judge<Chunks: AsyncSequence>(
        contentType: String?, contentEncoding: String? = nil, contentLength: Int? = nil, body: Chunks
    ) async throws -> Outcome where Chunks.Element: Collection<UInt8> {
        var session = session(contentType: contentType, contentEncoding: contentEncoding, contentLength: contentLength)
        if session.isRefused, let rejection = session.rejection { return .rejected(rejection) }
        for try await chunk in body {
            let rejection = try chunk.withContiguousStorageIfAvailable { try session.consume(UnsafeRawBufferPointer($0)) }
                ?? Array(chunk).withUnsafeBytes { try session.consume($0) }
            if let rejection { return .rejected(rejection) }
        }
        return try session.finish()
    }

    /// Judges a body held whole, `body`, declared with the Content-Type value `contentType` (nil
    /// when the header is absent) and the Content-Encoding value `contentEncoding` (nil when
    /// absent): the outcome ``judge(contentType:contentEncoding:contentLength:body:)-(_,_,_,Chunks)``
    /// gives it as one chunk.
    ///
    /// - Throws: ``SniffError`` when libmagic fails, ``DecoderFailure`` when zlib cannot decode
    ///   for want of memory.
    public func judge(contentType: String?, contentEncoding: String? = nil, body: [UInt8]) throws -> Outcome {
        var session = session(contentType: contentType, contentEncoding: contentEncoding, contentLength: body.count)
        if let rejection = try body.withUnsafeBytes({ try session.consume($0) }) { return .rejected(rejection) }
        return try session.finish()
    }

    /// What to do with a Content-Encoding value.
    enum EncodingChoice {
        /// Decode this coding; nil for none.
        case decode(ContentCoding?)
        /// Refuse the body before reading it.
        case refuse(Reason)
    }

    /// The one coding to decode for a Content-Encoding value: nil for none or identity, or the
    /// refusal of a value the gate cannot decode.
    static func contentCoding(_ value: String?) -> EncodingChoice {
        guard let value else { return .decode(nil) }
        let codings = value.split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        if codings.isEmpty { return .decode(nil) }
        if codings.count == 1, let coding = ContentCoding(token: codings[0]) { return .decode(coding) }
        let what = codings.count == 1
            ? "which this gateway does not decode"
            : "\(codings.count) codings applied one after the other, which this gateway does not decode"
        return .refuse(Reason(
            .unsupportedEncoding,
            "the body is sent with Content-Encoding \(Diagnostic.quoted(value)), \(what); send it with one of gzip, x-gzip or deflate, or unencoded (no Content-Encoding, or identity)."
        ))
    }
}
