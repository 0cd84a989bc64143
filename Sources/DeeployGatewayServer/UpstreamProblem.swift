import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import StrictJSON

/// The answer when the upstream cannot be reached or does not answer in time: 502 Bad Gateway
/// (504 Gateway Timeout for a timeout), with an RFC 9457 problem body in the shape of the
/// gateway's refusals, so a client reads every error the gateway makes the same way.
struct UpstreamProblem: Sendable, Equatable {
    /// 502 or 504.
    var status: HTTPResponse.Status
    /// The stable code: `upstream-unreachable` or `upstream-timeout`.
    var code: String
    /// What happened and what to do about it.
    var message: String

    /// The problem for `error`, thrown while sending a request to `upstream`.
    static func unreachable(upstream: UpstreamURL, error: any Error) -> UpstreamProblem {
        let timedOut: Bool
        if let error = error as? HTTPClientError {
            timedOut = error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
                || error == .writeTimeout
        } else {
            timedOut = false
        }
        if timedOut {
            return UpstreamProblem(
                status: .gatewayTimeout, code: "upstream-timeout",
                message: "the upstream \(upstream) did not answer in time; the request was not completed. Retry later, or ask the operator to check the deployment."
            )
        }
        return UpstreamProblem(
            status: .badGateway, code: "upstream-unreachable",
            message: "the upstream \(upstream) could not be reached (\(reason(error))); the request was not forwarded. Retry later, or ask the operator to check the deployment."
        )
    }

    /// A short, secret-free reason: the kind of failure, never a request's content.
    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .remoteConnectionClosed { return "it closed the connection" }
            if error == .connectTimeout { return "connecting timed out" }
            return "\(error)"
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return "connection refused"
        }
        return text
    }

    /// The problem details object.
    var json: JSONValue {
        .object(JSONObject([
            ("type", .string("about:blank")),
            ("title", .string(status.reasonPhrase)),
            ("status", .number(JSONNumber(status.code))),
            ("detail", .string(message)),
            ("codes", .array([.string(code)])),
            ("reasons", .array([["code": .string(code), "message": .string(message)]])),
        ]))
    }

    /// The response to send.
    var response: Response {
        let body = ByteBuffer(bytes: json.serialized())
        return Response(
            status: status,
            headers: [.contentType: "application/problem+json", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body)
        )
    }
}
