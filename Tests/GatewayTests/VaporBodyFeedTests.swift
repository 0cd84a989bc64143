@testable import DeeployVapor
import LoopbackTesting
import NIOCore
import Testing
import Vapor

/// The middleware's body feed on the two bodies that do not stream: one Vapor has already
/// collected (its buffer, then its end once the buffer is taken) and none at all. The wire tests
/// cover streamed bodies. Each read is bounded, so a feed that never ends fails instead of hanging.
@Suite("DeeployVapor body feed", .loopback)
struct VaporBodyFeedTests {
    @Test("a collected body gives its bytes, then its end")
    func collectedBodyEnds() async throws {
        let app = try await Application.make(.testing)
        let body = ByteBuffer(string: #"{"instances": [[1, 2]]}"#)
        let request = Request(application: app, method: .POST, collectedBody: body, on: app.eventLoopGroup.next())
        let feed = RequestBodyFeed(request: request)
        // Bounded: a regression waits forever, so the read races a 30 s timer.
        let parts = try await withThrowingTaskGroup(of: [ByteBuffer]?.self) { group in
            group.addTask {
                var parts: [ByteBuffer] = []
                for try await part in RequestBodyChunks(feed: feed) { parts.append(part) }
                return parts
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        try await app.asyncShutdown()
        let read = try #require(parts, "the feed never gave the collected body's end")
        #expect(read == [body])
    }

    @Test("a request without a body ends at once")
    func emptyBodyEnds() async throws {
        let app = try await Application.make(.testing)
        let request = Request(application: app, method: .POST, on: app.eventLoopGroup.next())
        let feed = RequestBodyFeed(request: request)
        var iterator = RequestBodyChunks(feed: feed).makeAsyncIterator()
        let first = try await iterator.next()
        try await app.asyncShutdown()
        #expect(first == nil)
    }
}
