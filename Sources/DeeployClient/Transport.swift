import AsyncHTTPClient
import DeeployPayload
import HTTPTypes
import NIOCore
import NIOHTTP1

/// One call on the wire: attempts, retries, the OAuth2 refresh on 401, and error mapping.
struct Transport: Sendable {
    let httpClient: HTTPClient
    let address: DeploymentAddress
    let configuration: DeeployClient.Configuration
    let credentials: CredentialProvider
    let authentication: Authentication
    let jitter: JitterSource

    /// Sends `body` to `url` until an attempt is answered 2xx, and hands that response to
    /// `consume`. `consume` may throw ``DeeployClientError/truncatedResponse(received:attempts:)``
    /// and be retried when `retryTruncated` is set (a response read whole before returning).
    func send<T: Sendable>(
        _ body: PreparedBody,
        url: String,
        retryTruncated: Bool,
        consume: (HTTPClientResponse, _ attempts: Int) async throws -> T
    ) async throws -> T {
        let retry = configuration.retry
        var attempt = 0
        var refreshedToken = false
        while true {
            attempt += 1
            let canRetry = attempt <= retry.maximumRetries
            let request = try await makeRequest(body, url: url)
            let response: HTTPClientResponse
            do {
                response = try await httpClient.execute(request, deadline: .now() + .nanoseconds(configuration.timeouts.request.nanoseconds))
            } catch {
                let mapped = Self.requestError(error, attempts: attempt)
                if canRetry, Self.isRetryable(mapped) {
                    try await wait(retry.backoff(retry: attempt - 1, random: jitter.next()))
                    continue
                }
                throw mapped
            }
            let status = Int(response.status.code)
            if status == 401, authentication.refreshesOnUnauthorized, !refreshedToken {
                // A token the server refuses is asked for again once; its answer is not read.
                _ = try? await response.body.collect(upTo: HTTPBodies.errorBodyLimit)
                await credentials.invalidate()
                refreshedToken = true
                attempt -= 1
                continue
            }
            if status >= 400 {
                let failure = await HTTPBodies.failure(of: response, attempts: attempt)
                guard canRetry, status >= 500 || status == 429 else { throw DeeployClientError.http(failure) }
                var delay = retry.backoff(retry: attempt - 1, random: jitter.next())
                if status == 429 || status == 503, let value = response.headers.first(name: "retry-after"),
                    let asked = RetryPolicy.retryAfter(value)
                {
                    guard asked <= retry.maximumRetryAfter else { throw DeeployClientError.http(failure) }
                    delay = asked
                }
                try await wait(delay)
                continue
            }
            do {
                return try await consume(response, attempt)
            } catch DeeployClientError.truncatedResponse where retryTruncated && canRetry {
                try await wait(retry.backoff(retry: attempt - 1, random: jitter.next()))
                continue
            }
        }
    }

    private func wait(_ delay: Duration) async throws {
        do {
            try await configuration.retry.sleep(delay)
        } catch {
            throw DeeployClientError.cancelled
        }
    }

    private func makeRequest(_ body: PreparedBody, url: String) async throws -> HTTPClientRequest {
        let fields: HTTPFields
        do {
            fields = try HTTPFields.deeployRequest(
                credentials: try await credentials.current(),
                contentType: body.contentType,
                organizationID: configuration.organizationID,
                accepted: configuration.policy.accepted)
        } catch let error as DeeployRequestError {
            throw DeeployClientError.invalidRequest(error)
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = HTTPBodies.headers(fields)
        request.headers.add(name: "Accept", value: "application/json, */*;q=0.8")
        request.body = try body.makeBody(chunkSize: configuration.uploadChunkSize, progress: configuration.uploadProgress)
        return request
    }

    /// Whether a failure before any response is worth another attempt.
    static func isRetryable(_ error: DeeployClientError) -> Bool {
        switch error {
        case .connectionFailed, .timeout, .truncatedResponse: true
        default: false
        }
    }

    /// A failure while sending the request or waiting for the response head.
    static func requestError(_ error: any Error, attempts: Int) -> DeeployClientError {
        if let error = error as? DeeployClientError { return error }
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return .timeout(phase: "connect", attempts: attempts)
            case .readTimeout: return .timeout(phase: "read", attempts: attempts)
            case .deadlineExceeded, .getConnectionFromPoolTimeout: return .timeout(phase: "request", attempts: attempts)
            case .remoteConnectionClosed: return .connectionFailed(reason: "the server closed the connection before answering", attempts: attempts)
            case .cancelled: return .cancelled
            default: return .transport(String(describing: error))
            }
        }
        // NIO's connection errors (refused, unreachable, DNS): the description names the cause.
        return .connectionFailed(reason: String(describing: error), attempts: attempts)
    }

    /// A failure while reading a response body: the head arrived, the rest did not.
    static func bodyError(_ error: any Error, received: Int, attempts: Int) -> DeeployClientError {
        if let error = error as? DeeployClientError { return error }
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return .timeout(phase: "read", attempts: attempts)
            case .deadlineExceeded: return .timeout(phase: "request", attempts: attempts)
            case .cancelled: return .cancelled
            default: break
            }
        }
        return .truncatedResponse(received: received, attempts: attempts)
    }
}
