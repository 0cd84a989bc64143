import DeeployGatewayKit
import DeeployPayload
import HTTPTypes
import Logging
import NIOCore
import Testing

/// `PayloadGateway.judge` is an ordinary `nonisolated` function: an actor can still judge a body
/// that is not `Sendable`, when the body is not part of the actor's state (one made for the
/// call). Passing a non-`Sendable` body the actor stores is a compile error ("sending
/// 'self.body' risks causing data races"), as it should be.
@Suite struct KitIsolationTests {
    /// A body whose iterator shares a counter with it: a class, and not `Sendable`.
    final class CountingChunks: AsyncSequence {
        typealias Element = ByteBuffer
        var chunks: [ByteBuffer]
        var pulled = 0

        init(_ chunks: [ByteBuffer]) { self.chunks = chunks }

        struct AsyncIterator: AsyncIteratorProtocol {
            let owner: CountingChunks
            mutating func next() async throws -> ByteBuffer? {
                guard owner.pulled < owner.chunks.count else { return nil }
                owner.pulled += 1
                return owner.chunks[owner.pulled - 1]
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(owner: self) }
    }

    actor Judge {
        let gateway: PayloadGateway
        init(gateway: PayloadGateway) { self.gateway = gateway }

        /// Judges `text` as a body of two chunks made here; returns the outcome's Content-Type
        /// (nil for a refusal) and how many chunks were pulled.
        func judge(_ text: String, declared: String) async throws -> (String?, Int) {
            let bytes = Array(text.utf8)
            let half = bytes.count / 2
            let body = CountingChunks([ByteBuffer(bytes: bytes[..<half]), ByteBuffer(bytes: bytes[half...])])
            let outcome = try await gateway.judge(fields: [.contentType: declared], body: body, logger: Logger(label: "kit-isolation"))
            return (outcome.acceptance?.contentType.essence, body.pulled)
        }
    }

    @Test func anActorJudgesABodyItMadeThatIsNotSendable() async throws {
        let judge = Judge(gateway: PayloadGateway(gate: PayloadGate(sniffer: try Sniffer(), policy: .deeploy)))
        let (accepted, pulled) = try await judge.judge(#"{"instances": [[1, 2], [3, 4]]}"#, declared: "application/json")
        #expect(accepted == "application/json")
        #expect(pulled == 2)
        let (refused, _) = try await judge.judge(#"{"instances": [[1, 2], [3, 4]"#, declared: "application/json")
        #expect(refused == nil)
    }
}
