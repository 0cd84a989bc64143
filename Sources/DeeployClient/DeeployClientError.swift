public import DeeployPayload
public import StrictJSON

/// Why a ``DeeployClient`` call failed. Every case says what happened and what to do next.
///
/// A payload the client refuses never reaches the network: ``refused(_:)`` is thrown before a
/// connection is opened.
public enum DeeployClientError: Error, Sendable, CustomStringConvertible {
    /// The payload was judged and refused; nothing was sent. The verdict carries the reason
    /// codes and messages (`Verdict/reasons`) and, when there is one, the type to declare
    /// instead (`Verdict/suggestedContentType`).
    case refused(Verdict)
    /// The payload file could not be opened, read or examined; nothing was sent.
    case unreadablePayload(path: String, reason: String)
    /// The file changed (size or modification time) between its verdict and its upload, so the
    /// bytes on disk are not the bytes judged. The upload stopped and was not retried.
    case payloadChanged(path: String)
    /// A stream payload was longer than ``DeeployClient/Configuration/streamBufferLimit``: a
    /// stream is judged on every byte before anything is sent, so it must fit that buffer.
    case streamTooLarge(limit: Int)
    /// A stream payload was given to a second call; a stream can be read only once.
    case streamAlreadyConsumed
    /// A typed shape could not be encoded as JSON.
    case encodingFailed(String)
    /// The deployment address, an id or the organization id is not valid.
    case invalidAddress(String)
    /// The request's header fields could not be built (an id, an organization id, a type).
    case invalidRequest(DeeployRequestError)
    /// The server answered with a 4xx or 5xx status.
    case http(HTTPFailure)
    /// No connection could be made (refused, unreachable, DNS); `attempts` were made.
    case connectionFailed(reason: String, attempts: Int)
    /// A timeout passed: `phase` is `connect`, `read` (no byte for that long) or `request`
    /// (the whole call's deadline); `attempts` were made.
    case timeout(phase: String, attempts: Int)
    /// The connection closed before the response was complete; `received` bytes of the body
    /// had arrived.
    case truncatedResponse(received: Int, attempts: Int)
    /// The response body is larger than the limit; reading stopped there.
    case responseTooLarge(limit: Int, declaredLength: Int?)
    /// The response could not be decoded (invalid JSON, an unreadable Content-Type, a shape
    /// that does not match).
    case invalidResponse(ResponseError)
    /// A streamed completion chunk was not valid JSON.
    case invalidStreamChunk(JSONError)
    /// OAuth2's token endpoint refused or could not be reached.
    case tokenRequestFailed(status: Int?, message: String)
    /// `batches` cannot apply to this payload.
    case batchingNotApplicable(String)
    /// A batch's response had no `predictions` array to merge.
    case batchMergeFailed(batch: Int, reason: String)
    /// A response body could not be written to its destination file.
    case destinationUnwritable(path: String, reason: String)
    /// The call was cancelled.
    case cancelled
    /// The HTTP client failed in a way none of the other cases describes.
    case transport(String)

    /// What happened and what to do next.
    public var description: String {
        switch self {
        case .refused(let verdict):
            let reasons = verdict.reasons.map(\.description).joined(separator: "; ")
            let suggestion = verdict.suggestedContentType.map { " Declare it as \($0) instead." } ?? ""
            return "the payload was refused before sending, nothing was sent: \(reasons).\(suggestion)"
        case .unreadablePayload(let path, let reason):
            return "the payload file '\(path)' cannot be read (\(reason)); nothing was sent."
        case .payloadChanged(let path):
            return "the payload file '\(path)' changed after it was judged; the upload stopped. Send it again once it is no longer being written."
        case .streamTooLarge(let limit):
            return "the stream payload is longer than \(limit) bytes, the most a stream may hold while it is judged; nothing was sent. Write it to a file and send the file, which is judged in a first pass and streamed from disk."
        case .streamAlreadyConsumed:
            return "this stream payload was already read by an earlier call; a stream can be sent once. Make a new payload."
        case .encodingFailed(let message):
            return "the request body could not be encoded as JSON: \(message)"
        case .invalidAddress(let message):
            return "the deployment address is not valid: \(message)"
        case .invalidRequest(let error):
            return "the request cannot be built: \(error)"
        case .http(let failure):
            return failure.description
        case .connectionFailed(let reason, let attempts):
            return "could not connect to the deployment (\(reason))\(Self.after(attempts)). Check the URL and that the server is up."
        case .timeout(let phase, let attempts):
            return "the \(phase) timeout passed\(Self.after(attempts)); the server may be overloaded or stalled. Retry later or raise the timeout."
        case .truncatedResponse(let received, let attempts):
            return "the connection closed before the response was complete (\(received) bytes of its body arrived)\(Self.after(attempts)). Retry; if it persists, a proxy may be cutting responses."
        case .responseTooLarge(let limit, let declared):
            let size = declared.map { " (it declares \($0) bytes)" } ?? ""
            return "the response is larger than the limit of \(limit) bytes\(size); raise maximumResponseSize or download it to a file."
        case .invalidResponse(let error):
            return "the response could not be decoded: \(error)"
        case .invalidStreamChunk(let error):
            return "a streamed chunk is not valid JSON: \(error)"
        case .tokenRequestFailed(let status, let message):
            let code = status.map { " (status \($0))" } ?? ""
            return "the OAuth2 token request failed\(code): \(message). Check the client id and secret."
        case .batchingNotApplicable(let reason):
            return "the payload cannot be split into batches: \(reason)"
        case .batchMergeFailed(let batch, let reason):
            return "batch \(batch + 1)'s response cannot be merged: \(reason)"
        case .destinationUnwritable(let path, let reason):
            return "the response cannot be written to '\(path)': \(reason)"
        case .cancelled:
            return "the call was cancelled."
        case .transport(let message):
            return "the HTTP client failed: \(message)"
        }
    }

    private static func after(_ attempts: Int) -> String {
        attempts > 1 ? " after \(attempts) attempts" : ""
    }

    /// The verdict of a refused payload, else nil.
    public var verdict: Verdict? {
        if case .refused(let verdict) = self { verdict } else { nil }
    }

    /// The HTTP status of a server's error answer, else nil.
    public var status: Int? {
        if case .http(let failure) = self { failure.status } else { nil }
    }
}

/// A 4xx or 5xx answer: Deeploy's or KServe's error body, read into its parts.
public struct HTTPFailure: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The server's message: a JSON body's `error`, `message` or `detail`, or the body's text,
    /// cleaned of control characters and cut to 512 characters; nil when there was none.
    public var message: String?
    /// The request id from an `x-request-id` or `request-id` header field, or a `requestId`,
    /// `request_id` or `requestLogId` member of the body; nil when there was none.
    public var requestID: String?
    /// How many attempts were made, retries included.
    public var attempts: Int

    /// Creates a failure.
    public init(status: Int, message: String?, requestID: String?, attempts: Int) {
        self.status = status
        self.message = message
        self.requestID = requestID
        self.attempts = attempts
    }

    /// `the server answered 401 Unauthorized: …. Advice.` followed by the request id.
    public var description: String {
        var text = ResponseError.httpStatus(status: status, message: message).description
        if let requestID { text += " (request id \(requestID))" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }
}
