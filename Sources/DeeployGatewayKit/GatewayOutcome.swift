public import DeeployPayload
public import HTTPTypes
public import NIOCore

/// How the gateway judged a request: forward it, or refuse it.
public enum GatewayOutcome: Sendable {
    /// Forward the request with the accepted body.
    case forward(GatewayAcceptance)
    /// Answer the client with the refusal; the upstream never sees the request.
    case refuse(GatewayRefusal)

    /// The acceptance, or nil when the request was refused.
    public var acceptance: GatewayAcceptance? { if case .forward(let acceptance) = self { acceptance } else { nil } }
    /// The refusal, or nil when the request was accepted.
    public var refusal: GatewayRefusal? { if case .refuse(let refusal) = self { refusal } else { nil } }
}

/// An accepted request: the bytes to forward, the Content-Type to forward them with, the fields
/// to forward, and the verdict.
///
/// The body is what the verdict was made on: for a body sent with `Content-Encoding: gzip` or
/// `deflate`, the **decoded** bytes (see `PayloadGate` for why); for a `multipart/form-data`
/// body, the bytes of the forwarded part. It is held in memory, at most the policy's
/// `maximumSize` (or ``MultipartRules/maximumPartSize``), and can be read any number of times.
///
/// Its values are kept in one shared, copy-on-write storage: an acceptance is copied into the
/// outcome, the observation and the request context, and Hummingbird copies the context for
/// every responder. Copied field by field (a verdict alone holds a dozen references), that was
/// about 4 µs of a judged 1 KiB JSON request; copied as one reference, it is one retain.
public struct GatewayAcceptance: Sendable {
    /// The values, shared between copies until one is changed.
    private var storage: Storage

    /// Mutated only through ``writableStorage()``, when no other acceptance shares it
    /// (copy on write); so no two threads ever see it change.
    private final class Storage: @unchecked Sendable {
        var body: ByteBuffer
        var contentType: MediaType
        var verdict: Verdict
        let requestFields: HTTPFields
        var setFields: HTTPFields?
        var partName: String?
        var fileName: String?
        var decodedEncoding: PayloadGate.ContentCoding?
        /// ``keepsRequestFields`` when the gateway found it as it read the request's fields;
        /// forgotten when the body or the Content-Type is set.
        var keepsRequestFields: Bool?

        init(
            body: ByteBuffer, contentType: MediaType, verdict: Verdict, requestFields: HTTPFields, setFields: HTTPFields?,
            partName: String?, fileName: String?, decodedEncoding: PayloadGate.ContentCoding?
        ) {
            self.body = body
            self.contentType = contentType
            self.verdict = verdict
            self.requestFields = requestFields
            self.setFields = setFields
            self.partName = partName
            self.fileName = fileName
            self.decodedEncoding = decodedEncoding
        }

        func copy() -> Storage {
            Storage(
                body: body, contentType: contentType, verdict: verdict, requestFields: requestFields, setFields: setFields,
                partName: partName, fileName: fileName, decodedEncoding: decodedEncoding
            )
        }
    }

    /// The storage, copied first when another acceptance shares it.
    private mutating func writableStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The bytes to forward: the decoded body, or the chosen part's bytes.
    public var body: ByteBuffer {
        get { storage.body }
        set {
            let storage = writableStorage()
            storage.body = newValue
            storage.keepsRequestFields = nil
        }
    }
    /// The effective Content-Type: the declared one normalised, `application/json` when the
    /// request had none, or the forwarded part's.
    public var contentType: MediaType {
        get { storage.contentType }
        set {
            let storage = writableStorage()
            storage.contentType = newValue
            storage.keepsRequestFields = nil
        }
    }
    /// The verdict on ``body``.
    public var verdict: Verdict {
        get { storage.verdict }
        set { writableStorage().verdict = newValue }
    }
    /// The request's fields as they should be forwarded: `Content-Type` set to ``contentType``;
    /// `Content-Encoding`, `Content-Length` and `Transfer-Encoding` removed, since the body may
    /// have been decoded or cut to one part. The adapter sets the new length (`body.readableBytes`).
    /// `Authorization` and every other field are kept.
    ///
    /// Made when asked for, from the request's fields (most requests are forwarded with their
    /// fields as they came, see ``keepsRequestFields``); once set, it is what was set.
    public var forwardedFields: HTTPFields {
        get {
            if let setFields = storage.setFields { return setFields }
            var fields = storage.requestFields
            fields[.contentEncoding] = nil
            fields[.contentLength] = nil
            fields[.transferEncoding] = nil
            fields[.contentType] = contentType.description
            return fields
        }
        set { writableStorage().setFields = newValue }
    }
    /// The `multipart/form-data` field whose part is forwarded, or nil for a single body.
    public var partName: String? {
        get { storage.partName }
        set { writableStorage().partName = newValue }
    }
    /// The file name the forwarded part declared, or nil.
    public var fileName: String? {
        get { storage.fileName }
        set { writableStorage().fileName = newValue }
    }
    /// The Content-Encoding the request arrived with and the gateway decoded, or nil.
    public var decodedEncoding: PayloadGate.ContentCoding? {
        get { storage.decodedEncoding }
        set { writableStorage().decodedEncoding = newValue }
    }

    /// Creates an acceptance, deriving ``forwardedFields`` from the request's `fields`.
    public init(
        body: ByteBuffer, contentType: MediaType, verdict: Verdict, requestFields: HTTPFields,
        partName: String? = nil, fileName: String? = nil, decodedEncoding: PayloadGate.ContentCoding? = nil
    ) {
        storage = Storage(
            body: body, contentType: contentType, verdict: verdict, requestFields: requestFields, setFields: nil,
            partName: partName, fileName: fileName, decodedEncoding: decodedEncoding
        )
    }

    /// An acceptance of a request whose fields the gateway has read: `keepsRequestFields` says
    /// whether they describe `body` and `contentType` as they are.
    init(body: ByteBuffer, contentType: MediaType, verdict: Verdict, requestFields: HTTPFields, keepsRequestFields: Bool) {
        self.init(body: body, contentType: contentType, verdict: verdict, requestFields: requestFields)
        storage.keepsRequestFields = keepsRequestFields
    }

    /// Whether ``forwardedFields``, with a Content-Length of ``body``'s length, are the request's
    /// fields as they came: one Content-Type, whose value is ``contentType`` as written, a
    /// Content-Length that is the body's length, and no Content-Encoding or Transfer-Encoding.
    /// An adapter then keeps the request's head and replaces only its body.
    public var keepsRequestFields: Bool {
        // Matched, not compared with nil, which copies the fields for `HTTPFields`'s `==`.
        if case .some = storage.setFields { return false }
        // Found by the gateway in its one pass over the fields: scanning them again, and
        // writing the Content-Type to compare, was about 0.2 µs of a 1 KiB JSON request (perf).
        if let known = storage.keepsRequestFields { return known }
        var contentTypes = 0
        var lengthMatches = false
        for field in storage.requestFields {
            switch field.name {
            case .contentType:
                contentTypes += 1
                if field.value != contentType.description { return false }
            case .contentLength:
                if lengthMatches { return false }
                lengthMatches = Int(field.value) == body.readableBytes
                if !lengthMatches { return false }
            case .contentEncoding, .transferEncoding:
                return false
            default:
                continue
            }
        }
        return contentTypes == 1 && lengthMatches
    }

    /// The bytes of ``body`` as an array (a copy).
    public var bytes: [UInt8] { Array(body.readableBytesView) }
}
