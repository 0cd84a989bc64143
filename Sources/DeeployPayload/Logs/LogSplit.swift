public import StrictJSON

/// What one inference call gives a log store: one request log and its prediction logs.
public struct LogSplit: Sendable, Hashable {
    /// The request log, holding both original bodies.
    public var requestLog: RequestLog
    /// The prediction logs, in entry order; never empty.
    public var predictionLogs: [PredictionLog]

    /// Creates a split.
    public init(requestLog: RequestLog, predictionLogs: [PredictionLog]) {
        self.requestLog = requestLog
        self.predictionLogs = predictionLogs
    }
}

/// The one log every inference call gives: the original request and response, losslessly,
/// with the status, the endpoint and whether (and why not) the call was split.
public struct RequestLog: Sendable, Hashable {
    /// The response status.
    public var status: Int
    /// The endpoint called.
    public var endpoint: InferenceEndpoint
    /// The request body: JSON bytes, or a binary object.
    public var request: LoggedPayload
    /// The response body: JSON bytes, or a binary object.
    public var response: LoggedPayload
    /// Whether the call was split into several prediction logs, and if not, why not.
    public var outcome: SplitOutcome

    /// Creates a request log.
    public init(status: Int, endpoint: InferenceEndpoint, request: LoggedPayload, response: LoggedPayload, outcome: SplitOutcome) {
        self.status = status
        self.endpoint = endpoint
        self.request = request
        self.response = response
        self.outcome = outcome
    }

    /// How the call was split, when it was.
    public var splitPlan: SplitOutcome.Plan? {
        if case .split(let plan) = outcome { plan } else { nil }
    }

    /// Why the call was not split, when it was not.
    public var noSplitReason: NoSplitReason? {
        if case .notSplit(let reason) = outcome { reason } else { nil }
    }
}

/// One prediction of an inference call: the request entry and the response entry that belong
/// together, each as a complete JSON body.
///
/// For a split call, ``requestBody`` is the original request with the split array holding only
/// entry ``index``, every other member byte for byte as sent; ``responseBody`` likewise. For a
/// call that was not split there is one prediction log with the whole bodies. A side whose
/// body is not JSON (an image, a binary response, JSON that does not parse) has `nil` here; its
/// bytes are in the ``RequestLog``.
public struct PredictionLog: Sendable, Hashable {
    /// The entry's position, from 0.
    public var index: Int
    /// The request body for this entry, exact JSON bytes.
    public var requestBody: [UInt8]?
    /// The response body for this entry, exact JSON bytes.
    public var responseBody: [UInt8]?

    /// Creates a prediction log.
    public init(index: Int, requestBody: [UInt8]?, responseBody: [UInt8]?) {
        self.index = index
        self.requestBody = requestBody
        self.responseBody = responseBody
    }

    /// The request body parsed, or `nil` when there is none; parsed on each call.
    public func requestJSON(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard let requestBody else { return nil }
        return try JSONParser.parse(requestBody, options: options)
    }

    /// The response body parsed, or `nil` when there is none; parsed on each call.
    public func responseJSON(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard let responseBody else { return nil }
        return try JSONParser.parse(responseBody, options: options)
    }
}

/// A body as a request log keeps it: JSON as its exact bytes, anything else as a
/// ``LoggedPayload/BinaryObject``. Either way no byte is lost.
public enum LoggedPayload: Sendable, Hashable {
    /// A body whose type is JSON and whose bytes are valid JSON, kept byte for byte.
    case json(bytes: [UInt8], mediaType: MediaType)
    /// A body whose type is not JSON, or that claims JSON but is not valid JSON.
    case binary(BinaryObject)

    /// The original bytes.
    public var bytes: [UInt8] {
        switch self {
        case .json(let bytes, _): bytes
        case .binary(let object): object.bytes
        }
    }

    /// The media type the body was logged under.
    public var mediaType: MediaType {
        switch self {
        case .json(_, let mediaType): mediaType
        case .binary(let object): object.mediaType
        }
    }

    /// Whether the body is kept as JSON.
    public var isJSON: Bool {
        if case .json = self { true } else { false }
    }

    /// The binary object record, for ``binary(_:)``.
    public var binaryObject: BinaryObject? {
        if case .binary(let object) = self { object } else { nil }
    }

    /// The JSON body parsed into a tree, or `nil` for a binary body. Parsing happens on each
    /// call, so a large body becomes a tree only when asked.
    public func json(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard case .json(let bytes, _) = self else { return nil }
        return try JSONParser.parse(bytes, options: options)
    }

    /// A body that a log cannot hold as JSON, recorded for object storage: its media type, size,
    /// SHA-256 digest and the bytes themselves, which the caller stores (Deeploy keeps non-JSON
    /// request bodies as objects, never drops them).
    public struct BinaryObject: Sendable, Hashable {
        /// The body's media type: as declared, or as sniffed when none was declared.
        public var mediaType: MediaType
        /// The size in bytes.
        public var size: Int
        /// The SHA-256 digest of ``bytes``, 64 lowercase hex digits: a key for content-addressed storage.
        public var sha256: String
        /// The body, for the caller to store.
        public var bytes: [UInt8]

        /// A record of `bytes`, with their size and digest computed.
        public init(mediaType: MediaType, bytes: [UInt8]) {
            self.mediaType = mediaType
            self.size = bytes.count
            self.sha256 = SHA256.hexDigest(bytes)
            self.bytes = bytes
        }
    }
}

/// A body that a log cannot hold as JSON, recorded for object storage.
@available(*, deprecated, renamed: "LoggedPayload.BinaryObject")
public typealias BinaryObject = LoggedPayload.BinaryObject
