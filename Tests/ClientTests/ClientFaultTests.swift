import DeeployClient
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// Retries, timeouts and broken answers, against a loopback fault server.
@Suite("DeeployClient faults", .loopback)
struct ClientFaultTests {
    static let instances: JSONValue = ["instances": [[1, 2], [3, 4]]]

    @Test("a 500 is retried with seeded, growing backoff, and the same body is sent again")
    func retriesServerErrors() async throws {
        let waits = RecordedWaits()
        let response = try await FaultServer.with({ index, request in
            index < 2 ? .json(500, #"{"error": "model crashed"}"#) : ClientFixture.echo(request)
        }) { server in
            let response = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, waits: waits)) {
                try await $0.predict(.json(Self.instances))
            }
            #expect(server.requests.count == 3)
            #expect(Set(server.requests.map(\.body)).count == 1)
            return response
        }
        #expect(response.attempts == 3)
        #expect(response.body.json?["predictions"] == [[1, 2], [3, 4]])
        // initialBackoff 0.5 s, ×2, half of each wait random.
        #expect(waits.waits.count == 2)
        #expect(waits.waits[0] >= .milliseconds(250) && waits.waits[0] <= .milliseconds(500))
        #expect(waits.waits[1] >= .milliseconds(500) && waits.waits[1] <= .milliseconds(1000))
        // The same seed gives the same waits.
        let again = RecordedWaits()
        try await FaultServer.with({ index, request in
            index < 2 ? .json(500, #"{"error": "model crashed"}"#) : ClientFixture.echo(request)
        }) { server in
            _ = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, waits: again)) {
                try await $0.predict(.json(Self.instances))
            }
        }
        #expect(again.waits == waits.waits)
    }

    @Test("a 429's Retry-After is the wait")
    func honoursRetryAfter() async throws {
        let waits = RecordedWaits()
        try await FaultServer.with({ index, request in
            index == 0 ? .json(429, #"{"message": "slow down"}"#, headers: ["Retry-After": "2"]) : ClientFixture.echo(request)
        }) { server in
            let response = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, waits: waits)) {
                try await $0.predict(.json(Self.instances))
            }
            #expect(response.status == 200)
        }
        #expect(waits.waits == [.seconds(2)])
    }

    @Test("a storm of 429s ends after the retries, with the server's status and message")
    func stormOf429() async throws {
        let waits = RecordedWaits()
        try await FaultServer.with({ _, _ in .json(429, #"{"message": "rate limited"}"#, headers: ["Retry-After": "0"]) }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, retries: 3, waits: waits)) {
                    try await $0.predict(.json(Self.instances))
                }
            }
            guard case .http(let failure)? = error else { Issue.record("not an HTTP failure: \(String(describing: error))"); return }
            #expect(failure.status == 429)
            #expect(failure.message == "rate limited")
            #expect(failure.attempts == 4)
            #expect(server.requests.count == 4)
        }
        #expect(waits.waits == [.zero, .zero, .zero])
    }

    @Test("a Retry-After longer than the policy allows ends the call at once")
    func retryAfterBeyondLimit() async throws {
        try await FaultServer.with({ _, _ in .json(503, #"{"error": "maintenance"}"#, headers: ["Retry-After": "3600"]) }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { try await $0.predict(.json(Self.instances)) }
            }
            #expect(error?.status == 503)
            #expect(server.requests.count == 1)
        }
    }

    @Test("a 4xx other than 429 is never retried; its message and request id are read")
    func clientErrorsNotRetried() async throws {
        try await FaultServer.with({ _, _ in
            .json(422, #"{"detail": "instances must be numbers"}"#, headers: ["X-Request-Id": "req-77"])
        }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { try await $0.predict(.json(Self.instances)) }
            }
            guard case .http(let failure)? = error else { Issue.record("not an HTTP failure"); return }
            #expect(failure == HTTPFailure(status: 422, message: "instances must be numbers", requestID: "req-77", attempts: 1))
            #expect(server.requests.count == 1)
        }
    }

    @Test("malformed error JSON still gives the status and the body's text")
    func malformedErrorJSON() async throws {
        try await FaultServer.with({ _, _ in .json(400, #"{"error": "unterminated"#) }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { try await $0.predict(.json(Self.instances)) }
            }
            #expect(error?.status == 400)
            guard case .http(let failure)? = error else { return }
            #expect(failure.message == #"{"error": "unterminated"#)
        }
    }

    @Test("a response cut short is a typed error after bounded retries")
    func truncatedResponse() async throws {
        try await FaultServer.with({ _, _ in
            .truncate(prefix: Array(#"{"predictions": [1, 2"#.utf8), declaredLength: 4096, contentType: "application/json")
        }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, retries: 1)) { try await $0.predict(.json(Self.instances)) }
            }
            guard case .truncatedResponse(let received, let attempts)? = error else {
                Issue.record("not a truncated response: \(String(describing: error))")
                return
            }
            #expect(received <= 21)
            #expect(attempts == 2)
            #expect(server.requests.count == 2)
        }
    }

    @Test("a server that stalls hits the read timeout")
    func stallTimesOut() async throws {
        try await FaultServer.with({ _, _ in .stall }) { server in
            let client = try ClientFixture.client(server.deploymentURL, retries: 0) {
                $0.timeouts = .init(connect: .seconds(2), read: .milliseconds(300), request: .seconds(20))
            }
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(client) { try await $0.predict(.json(Self.instances)) }
            }
            guard case .timeout(let phase, let attempts)? = error else { Issue.record("not a timeout: \(String(describing: error))"); return }
            // The read timeout, not the 20 s request deadline. (No wall-clock bound: a loaded
            // full test run can delay the answer's delivery by seconds.)
            #expect(phase == "read")
            #expect(attempts == 1)
        }
    }

    @Test("a refused connection is retried, then a typed error")
    func connectionRefused() async throws {
        // A port that was just bound and released: nothing listens on it.
        let url = try await FaultServer.with({ _, _ in .stall }) { $0.deploymentURL }
        let waits = RecordedWaits()
        let error = await #expect(throws: DeeployClientError.self) {
            try await ClientFixture.with(try ClientFixture.client(url, retries: 2, waits: waits)) { try await $0.predict(.json(Self.instances)) }
        }
        guard case .connectionFailed(let reason, let attempts)? = error else {
            Issue.record("not a connection failure: \(String(describing: error))")
            return
        }
        #expect(attempts == 3)
        #expect(reason.lowercased().contains("refused"))
        #expect(waits.waits.count == 2)
    }

    @Test("a response larger than the limit is refused, by its Content-Length or as it streams")
    func responseOverLimit() async throws {
        let big = [UInt8](repeating: 0x41, count: 2 << 20)
        try await FaultServer.with({ index, _ in
            index == 0
                ? .respond(200, headers: ["Content-Type": "application/octet-stream"], body: big)
                : .chunks(Array(repeating: [UInt8](repeating: 0x42, count: 256 << 10), count: 8), contentType: "application/octet-stream", pause: .zero)
        }) { server in
            let client = try ClientFixture.client(server.deploymentURL) { $0.maximumResponseSize = 1 << 20 }
            try await ClientFixture.with(client) { client in
                let first = await #expect(throws: DeeployClientError.self) { try await client.predict(.json(Self.instances)) }
                guard case .responseTooLarge(let limit, let declared)? = first else { Issue.record("\(String(describing: first))"); return }
                #expect(limit == 1 << 20)
                #expect(declared == 2 << 20)
                let second = await #expect(throws: DeeployClientError.self) { try await client.predict(.json(Self.instances)) }
                guard case .responseTooLarge(_, nil)? = second else { Issue.record("\(String(describing: second))"); return }
            }
        }
    }
}
