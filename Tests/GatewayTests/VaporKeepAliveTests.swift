import DeeployTestSupport
import Foundation
import LoopbackTesting
import Testing

/// After a refusal the middleware reads the rest of the upload and drops it, so the same
/// keep-alive connection serves its next request. A raw socket sends the refused chunked body
/// to its end and a pipelined GET behind it; before the fix, Vapor stopped reading the
/// connection at the refusal and the GET was never answered.
@Suite("DeeployVapor keep-alive after a refusal", .loopback)
struct VaporKeepAliveTests {
    /// `bytes` as a chunked request to `path`, with `16 KiB` chunks and the last chunk.
    static func chunkedRequest(_ path: String, contentType: String, _ bytes: [UInt8]) -> [UInt8] {
        var request = Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for start in stride(from: 0, to: bytes.count, by: 16 << 10) {
            let chunk = bytes[start..<min(start + (16 << 10), bytes.count)]
            request += Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + Array("\r\n".utf8)
        }
        return request + Array("0\r\n\r\n".utf8)
    }

    static let followUp = Array("GET /models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)

    /// The status codes of the responses in `bytes`, in order.
    static func statuses(_ bytes: [UInt8]) -> [Int] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    @Test("a refused chunked upload, sent to its end, leaves the connection serving: 413 then 200, 415 then 200")
    func connectionServesOn() async throws {
        var generator = SplitMix64(seed: 1919)
        var elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        elf += (0..<((4 << 20) - elf.count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let big = VaporTests.largeJSON(1 << 20)
        try await VaporTests.withServer(maximumSize: 64 << 10) { server, _ in
            let tooLarge = await RawSocket.exchange(
                port: server.port, Self.chunkedRequest("/stream", contentType: "application/json", big) + Self.followUp,
                responses: 2, readTimeout: 300, sendTimeout: 300
            )
            #expect(Self.statuses(tooLarge) == [413, 200])
            let mismatch = await RawSocket.exchange(
                port: server.port, Self.chunkedRequest("/stream", contentType: "image/png", elf) + Self.followUp,
                responses: 2, readTimeout: 300, sendTimeout: 300
            )
            #expect(Self.statuses(mismatch) == [415, 200])
            #expect(server.calls.value == 2)
        }
    }
}
