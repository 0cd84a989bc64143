public import StrictJSON

/// Why a response could not be turned into a ``DecodedBody`` or a typed value.
public enum ResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered with a 4xx or 5xx status. `message` is the server's own message,
    /// from `{"error": ...}`, `{"message": ...}`, `{"detail": ...}` or a text body, cut to the
    /// decoder's limit; `nil` when the body had none.
    case httpStatus(status: Int, message: String?)
    /// The Content-Type says JSON but the body is not; the error gives line, column and byte.
    case invalidJSON(JSONError)
    /// The Content-Type field is not a media type, or several fields disagree.
    case invalidContentType(HeaderError)
    /// The response had no Content-Type and sniffing the body failed.
    case sniffFailed(SniffError)
    /// A typed value was asked of a body that is not JSON.
    case notJSON(mediaType: MediaType)
    /// The body is JSON but not the shape of the type asked for.
    case shapeMismatch(type: String, message: String)

    /// What was wrong and what to do about it.
    public var description: String {
        switch self {
        case .httpStatus(let status, let message):
            let reason = Self.reasonPhrases[status].map { " \($0)" } ?? ""
            let said = message.map { ": \($0)" } ?? " (the body carried no message)"
            return "the server answered \(status)\(reason)\(said). \(Self.advice(for: status))"
        case .invalidJSON(let error):
            return "the response says it is JSON but is not: \(error). "
                + "The model or a proxy sent a broken body; send the request again or check the model's logs."
        case .invalidContentType(let error):
            return "the response's Content-Type cannot be read: \(error)"
        case .sniffFailed(let error):
            return "the response has no Content-Type and its body could not be sniffed: \(error)"
        case .notJSON(let mediaType):
            return "the response is \(mediaType), not JSON, so it cannot be decoded as a typed value; "
                + "read it as DecodedBody.binary instead."
        case .shapeMismatch(let type, let message):
            return "the response is JSON but not a \(type): \(message)"
        }
    }

    private static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
        422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    private static func advice(for status: Int) -> String {
        switch status {
        case 401: "Check the Authorization header: a deployment token (Bearer) or a personal key pair (Basic)."
        case 403: "The credentials are valid but may not call this deployment; check the token's or key's permissions."
        case 404: "Check the workspace and deployment IDs and the endpoint (predict, explain, completions, ...)."
        case 413: "The payload is larger than the server accepts; send fewer instances per request."
        case 415: "Send a Content-Type Deeploy accepts: application/json, application/pdf, application/octet-stream, image/*, text/*."
        case 429: "Too many requests; wait and retry with backoff."
        case 400..<500: "The request was rejected; check the payload against the model's expected input."
        default: "The failure is on the server side; retry later or check the deployment's logs in Deeploy."
        }
    }
}
