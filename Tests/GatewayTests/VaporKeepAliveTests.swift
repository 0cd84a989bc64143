import DeeployTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// After a refusal the middleware reads the rest of the upload and drops it, so the same
/// keep-alive connection serves its next request. A raw socket sends the refused chunked body
/// to its end and a pipelined GET behind it; before the fix, Vapor stopped reading the
/// connection at the refusal and the GET was never answered.
@Suite("DeeployVapor keep-alive after a refusal")
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
            let tooLarge = await VaporSocket.exchange(
                port: server.port, Self.chunkedRequest("/stream", contentType: "application/json", big) + Self.followUp
            )
            #expect(Self.statuses(tooLarge) == [413, 200])
            let mismatch = await VaporSocket.exchange(
                port: server.port, Self.chunkedRequest("/stream", contentType: "image/png", elf) + Self.followUp
            )
            #expect(Self.statuses(mismatch) == [415, 200])
            #expect(server.calls.value == 2)
        }
    }
}

/// A loopback socket with send and receive timeouts (60 s), on a thread of its own, so that a
/// server that stops reading makes the test fail rather than hang.
enum VaporSocket {
    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes or a timeout passes.
    static func exchange(port: Int, _ request: [UInt8]) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: run(port: port, request)) }
        }
    }

    private static func run(port: Int, _ request: [UInt8]) -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return [] }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[..<n]
        }
        return response
    }
}
