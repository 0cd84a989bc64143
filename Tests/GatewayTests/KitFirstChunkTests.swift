import DeeployGatewayKit
import DeeployPayload
import HTTPTypes
import Logging
import NIOCore
import Testing

/// The gateway lets go of a body's first chunk once the second has come: a server's first chunk
/// is often a slice of the connection's read buffer, and kept to the body's end it held that
/// whole buffer for every upload in flight (`scripts/gateway-load.sh memory` saw it first).
///
/// Whether anyone but the test still holds the first chunk's storage is seen through
/// `ByteBuffer`'s copy on write: the test keeps the buffer the chunk is a slice of, and writes a
/// byte into it at the third pull. Alone with the storage, the write is made in place; shared,
/// it copies the storage first, and the buffer's bytes move.
@Suite struct KitFirstChunkTests {
    /// A body of three chunks; the first is a slice of `connection`. At the third pull it
    /// records whether `connection`'s storage was still shared.
    final class SlicedBody: AsyncSequence {
        typealias Element = ByteBuffer
        var connection: ByteBuffer
        var chunks: [ByteBuffer]
        /// A copy of the first chunk the test keeps itself, for the check that the probe sees sharing.
        var keptByTheTest: ByteBuffer?
        var pulls = 0
        var sharedAtThirdPull: Bool?

        init(_ bytes: [UInt8], firstLength: Int, secondLength: Int, keepFirst: Bool) {
            connection = ByteBuffer(bytes: bytes + Array(repeating: 0x20, count: 16 * 1024))
            let first = connection.getSlice(at: 0, length: firstLength)!
            chunks = [
                first,
                ByteBuffer(bytes: bytes[firstLength..<(firstLength + secondLength)]),
                ByteBuffer(bytes: bytes[(firstLength + secondLength)...]),
            ]
            keptByTheTest = keepFirst ? first : nil
        }

        /// Whether writing a byte into `connection` moved its bytes (its storage was shared).
        func connectionIsShared() -> Bool {
            let before = connection.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
            connection.setInteger(UInt8(ascii: " "), at: connection.writerIndex - 1)
            return connection.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) } != before
        }

        struct AsyncIterator: AsyncIteratorProtocol {
            let body: SlicedBody
            mutating func next() async -> ByteBuffer? {
                body.pulls += 1
                if body.pulls == 3 { body.sharedAtThirdPull = body.connectionIsShared() }
                guard body.pulls <= body.chunks.count else { return nil }
                // Handed over, not kept: the test holds the first chunk only through `connection`.
                let chunk = body.chunks[body.pulls - 1]
                body.chunks[body.pulls - 1] = ByteBuffer()
                return chunk
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
    }

    /// The gateway holds the body (a maximum size) or the gate's session does (none); the
    /// length is declared (so the first chunk may wait, unwatched) or not.
    @Test(arguments: [(Int?(1 << 20), true), (1 << 20, false), (nil, true), (nil, false)])
    func theFirstChunkIsLetGoOfAtTheSecond(maximumSize: Int?, declaresLength: Bool) async throws {
        let json = Array("[\((0..<1_000).map { "\($0)" }.joined(separator: ", "))]".utf8)
        let gateway = KitFixtures.gateway(maximumSize: maximumSize)
        let fields = KitFixtures.fields("application/json", declaresLength ? [.contentLength: "\(json.count)"] : [:])
        for keepFirst in [false, true] {
            let body = SlicedBody(json, firstLength: 1_000, secondLength: 1_500, keepFirst: keepFirst)
            let outcome = try await gateway.judge(fields: fields, body: body, logger: Logger(label: "kit-first-chunk"))
            #expect(outcome.acceptance?.bytes == json)
            #expect(body.pulls == 4)
            // With the test's own copy of the first chunk, the probe must see the storage shared;
            // without it, nobody else may hold it.
            #expect(body.sharedAtThirdPull == keepFirst, "keepFirst \(keepFirst)")
        }
    }
}
