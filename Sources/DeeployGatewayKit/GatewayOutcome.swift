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
public struct GatewayAcceptance: Sendable {
    /// The bytes to forward: the decoded body, or the chosen part's bytes.
    public var body: ByteBuffer
    /// The effective Content-Type: the declared one normalised, `application/json` when the
    /// request had none, or the forwarded part's.
    public var contentType: MediaType
    /// The verdict on ``body``.
    public var verdict: Verdict
    /// The request's fields as they should be forwarded: `Content-Type` set to ``contentType``;
    /// `Content-Encoding`, `Content-Length` and `Transfer-Encoding` removed, since the body may
    /// have been decoded or cut to one part. The adapter sets the new length (`body.readableBytes`).
    /// `Authorization` and every other field are kept.
    public var forwardedFields: HTTPFields
    /// The `multipart/form-data` field whose part is forwarded, or nil for a single body.
    public var partName: String?
    /// The file name the forwarded part declared, or nil.
    public var fileName: String?
    /// The Content-Encoding the request arrived with and the gateway decoded, or nil.
    public var decodedEncoding: PayloadGate.ContentCoding?

    /// Creates an acceptance, deriving ``forwardedFields`` from the request's `fields`.
    public init(
        body: ByteBuffer, contentType: MediaType, verdict: Verdict, requestFields: HTTPFields,
        partName: String? = nil, fileName: String? = nil, decodedEncoding: PayloadGate.ContentCoding? = nil
    ) {
        self.body = body
        self.contentType = contentType
        self.verdict = verdict
        self.partName = partName
        self.fileName = fileName
        self.decodedEncoding = decodedEncoding
        var fields = requestFields
        fields[.contentEncoding] = nil
        fields[.contentLength] = nil
        fields[.transferEncoding] = nil
        fields[.contentType] = contentType.description
        self.forwardedFields = fields
    }

    /// The bytes of ``body`` as an array (a copy).
    public var bytes: [UInt8] { Array(body.readableBytesView) }
}
