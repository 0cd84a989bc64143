import AsyncHTTPClient
import DeeployEmulator
import DeeployPayload
import Foundation
import NIOCore
import StrictJSON

/// What the emulator tests share: a deployment set-up, a real HTTP client over loopback, and
/// sample payloads.
enum EmulatorFixture {
    static let workspace = "ws-1"
    static let deployment = "dep-1"
    static let token = "t0k3n-emulator"
    static let accessKey = "AKEMULATOR"
    static let secretKey = "s3cr3t"

    /// One echo deployment taking the token or the key pair, plus a constant JSON and a
    /// constant PNG deployment in the same workspace.
    static func configuration(maximumSize: Int? = nil, failEvery: Int? = nil) throws -> EmulatorConfiguration {
        let credentials = [try Credentials.deploymentToken(token), try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey)]
        var configuration = EmulatorConfiguration(
            deployments: [
                EmulatedDeployment(workspace: workspace, id: deployment, credentials: credentials, model: .echo),
                EmulatedDeployment(workspace: workspace, id: "constant-json", credentials: credentials,
                                   model: .constant(body: Array(#"{"predictions": [42], "note": "fixed"}"#.utf8), contentType: .applicationJSON)),
                EmulatedDeployment(workspace: workspace, id: "constant-png", credentials: credentials,
                                   model: .constant(body: png, contentType: MediaType("image/png")!)),
            ],
            logDirectory: NSTemporaryDirectory() + "emulator-tests-" + UUID().uuidString.lowercased(),
            failEvery: failEvery)
        configuration.policy.maximumSize = maximumSize
        return configuration
    }

    static var bearer: [(String, String)] { [("Authorization", "Bearer \(token)")] }
    static var json: [(String, String)] { bearer + [("Content-Type", "application/json")] }

    /// A 1x1 greyscale PNG, valid chunk by chunk (CRCs included).
    static let png: [UInt8] = {
        func be32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(value >> (8 * $0) & 0xFF) } }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(data.count) + body + be32(Int(crc32(body)))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0])
            + chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]) + chunk("IEND", [])
    }()

    /// The SHA-256 `sha256sum` gives for `bytes`: a digest computed outside the package.
    static func sha256sum(_ bytes: [UInt8]) async throws -> String {
        let path = NSTemporaryDirectory() + "emulator-sha-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await EmulatorSubprocess.run("/usr/bin/env", ["sha256sum", path])
        return String(output.stdout.prefix(64))
    }
}

/// One HTTP exchange over a real socket.
struct EmulatorExchange {
    var status: Int
    var contentType: String?
    var headers: [(String, String)]
    var body: [UInt8]

    var json: JSONValue? { try? JSONParser.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

enum EmulatorHTTP {
    /// Sends one request with AsyncHTTPClient and reads the whole answer.
    static func get(_ url: String, headers: [(String, String)] = []) async throws -> EmulatorExchange {
        try await send(url, method: "GET", headers: headers)
    }

    /// Sends one request with AsyncHTTPClient and reads the whole answer.
    static func send(_ url: String, method: String = "POST", headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> EmulatorExchange {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return EmulatorExchange(
            status: Int(response.status.code), contentType: response.headers["content-type"].first,
            headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer.readableBytesView))
    }
}

/// Runs a program with its output in files (a full pipe cannot stall it), waiting for its end.
enum EmulatorSubprocess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Awaits the program's end without blocking a thread: the cooperative pool has as many
    /// threads as cores (two in CI), and the in-process emulator's handlers need them.
    static func run(_ executable: String, _ arguments: [String], directory: URL? = nil) async throws -> Output {
        let base = NSTemporaryDirectory() + "emulator-subprocess-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Output(status: process.terminationStatus, stdout: read(base + ".out"), stderr: read(base + ".err"))
    }
}
