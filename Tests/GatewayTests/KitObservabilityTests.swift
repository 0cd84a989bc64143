import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import Foundation
import HTTPTypes
import InMemoryLogging
import InMemoryTracing
import Logging
import Metrics
import MetricsTestKit
import NIOCore
import Testing
import Tracing

/// Logs, metrics and spans of a judgment, with the test kits of swift-log, swift-metrics and
/// swift-distributed-tracing passed to the gateway (no process-wide bootstrap); and the 401
/// check, whose secrets must appear nowhere.
@Suite struct KitObservabilityTests {
    /// A gateway recording into fresh test systems, and a logger at debug level.
    struct Recorded {
        let metrics = TestMetrics()
        let tracer = InMemoryTracer()
        let logs = InMemoryLogHandler()
        var logger: Logger
        var gateway: PayloadGateway

        init(maximumSize: Int = 1 << 20, checksAuthorization: Bool = false) {
            let handler = logs
            logger = Logger(label: "kit-observability", factory: { _ in handler })
            logger.logLevel = .debug
            gateway = KitFixtures.gateway(maximumSize: maximumSize, checksAuthorization: checksAuthorization)
            gateway.metricsFactory = metrics
            gateway.tracer = tracer
        }

        /// Everything recorded, as text: log messages and metadata, metric labels and
        /// dimensions, span names and attributes.
        var everything: String {
            var text = logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            for counter in metrics.counters { text += "\n\(counter.label) \(counter.dimensions)" }
            for span in tracer.finishedSpans {
                text += "\n\(span.operationName)"
                span.attributes.forEach { name, value in text += " \(name)=\(value)" }
            }
            return text
        }
    }

    static func string(_ attribute: SpanAttribute?) -> String? {
        if case .string(let value)? = attribute { value } else { nil }
    }

    @Test func anAcceptanceIsCountedTimedTracedAndLoggedAtDebug() async throws {
        let recorded = Recorded()
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        let outcome = try await recorded.gateway.judge(fields: KitFixtures.fields("image/png"), body: BufferChunks([png]), logger: recorded.logger)
        #expect(outcome.acceptance != nil)
        let counter = try recorded.metrics.expectCounter("deeploy_payload_verdicts", [("outcome", "forward"), ("code", "none")])
        #expect(counter.totalValue == 1)
        let timer = try recorded.metrics.expectTimer("deeploy_payload_judging_duration", [("outcome", "forward")])
        #expect(timer.values.count == 1 && timer.values[0] > 0)
        let sizes = try recorded.metrics.expectRecorder("deeploy_payload_body_bytes", [("outcome", "forward")])
        #expect(sizes.values == [Double(png.count)])

        let span = try #require(recorded.tracer.finishedSpans.first)
        #expect(span.operationName == "payload.verdict")
        #expect(Self.string(span.attributes.get("payload.outcome")) == "forward")
        #expect(Self.string(span.attributes.get("payload.declared_type")) == "image/png")
        #expect(Self.string(span.attributes.get("payload.sniffed_type")) == "image/png")
        #expect(Self.string(span.attributes.get("payload.effective_type")) == "image/png")

        let entry = try #require(recorded.logs.entries.first)
        #expect(entry.level == .debug)
        #expect(entry.metadata["payload.outcome"] == "forward")
    }

    @Test func aRefusalIsCountedByItsFirstCode() async throws {
        let recorded = Recorded()
        let elf = try KitFixtures.elf64KiB()
        _ = try await recorded.gateway.judge(fields: KitFixtures.fields("image/png"), body: BufferChunks([elf]), logger: recorded.logger)
        let counter = try recorded.metrics.expectCounter("deeploy_payload_verdicts", [("outcome", "refuse"), ("code", "declared-mismatch")])
        #expect(counter.totalValue == 1)
        let span = try #require(recorded.tracer.finishedSpans.first)
        guard case .stringArray(let codes)? = span.attributes.get("payload.codes") else {
            Issue.record("payload.codes is not a string array")
            return
        }
        #expect(codes == ["declared-mismatch"])
        #expect(recorded.logs.entries.first?.metadata["payload.codes"] == .array(["declared-mismatch"]))
        // The bytes are not logged: the ELF magic's "ELF" would show in a dump of them.
        #expect(!recorded.everything.contains("ELF"))
    }

    @Test func aBodyThatFailsIsCountedAsAnErrorAndRethrown() async throws {
        struct ClientWentAway: Error {}
        struct FailingBody: AsyncSequence {
            typealias Element = ByteBuffer
            struct AsyncIterator: AsyncIteratorProtocol {
                var sent = false
                mutating func next() async throws -> ByteBuffer? {
                    if sent { throw ClientWentAway() }
                    sent = true
                    return ByteBuffer(string: "[1, ")
                }
            }
            func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
        }
        let recorded = Recorded()
        await #expect(throws: ClientWentAway.self) {
            _ = try await recorded.gateway.judge(fields: [:], body: FailingBody(), logger: recorded.logger)
        }
        #expect(try recorded.metrics.expectCounter("deeploy_payload_verdicts", [("outcome", "error"), ("code", "none")]).totalValue == 1)
        #expect(recorded.tracer.finishedSpans.first?.errors.count == 1)
    }

    /// `echo "AK:SK" | base64`: the newline diagnosis, 401, and the secret nowhere.
    @Test func theEchoNewlineIsRefused401WithoutItsSecretAnywhere() async throws {
        let secret = "S3cr3t-Zebra-Quokka-9931"
        let encoded = "Basic " + [UInt8]("AKIA-gateway:\(secret)\n".utf8).base64
        let recorded = Recorded(checksAuthorization: true)
        let body = BufferChunks([Array("{}".utf8)])
        let outcome = try await recorded.gateway.judge(
            fields: KitFixtures.fields("application/json", [.authorization: encoded]), body: body, logger: recorded.logger
        )
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .unauthorized)
        #expect(refusal.codes == ["malformed-authorization", "encoded-trailing-newline"])
        #expect(refusal.fields[.wwwAuthenticate]?.hasPrefix("Basic") == true)
        #expect(body.pulls.value == 0)
        let problemText = String(decoding: refusal.body.readableBytesView, as: UTF8.self)
        #expect(problemText.contains("echo"))
        for leak in [secret, encoded, String(encoded.dropFirst(6))] {
            #expect(!problemText.contains(leak))
            #expect(!recorded.everything.contains(leak))
        }
    }

    @Test func validOrAbsentAuthorizationIsNotRefused() async throws {
        let gateway = KitFixtures.gateway(checksAuthorization: true)
        let good = "Basic " + [UInt8]("AK:SK".utf8).base64
        for fields in [KitFixtures.fields(nil, [.authorization: good]), KitFixtures.fields(nil, [.authorization: "Bearer abc"]), [:]] {
            let outcome = try await gateway.judge(fields: fields, body: BufferChunks([Array("{}".utf8)]), logger: Logger(label: "t"))
            #expect(outcome.acceptance != nil, "\(fields)")
        }
        // Without checksAuthorization, a malformed value is not the gateway's business.
        let unchecked = KitFixtures.gateway()
        let outcome = try await unchecked.judge(fields: KitFixtures.fields(nil, [.authorization: "Basic ???"]), body: BufferChunks([Array("{}".utf8)]), logger: Logger(label: "t"))
        #expect(outcome.acceptance != nil)
    }
}

extension [UInt8] {
    /// Standard base64 with padding, as `base64` prints it (without its line breaks).
    var base64: String { Data(self).base64EncodedString() }
}
