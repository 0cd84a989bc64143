import DeeployEmulator
import DeeployPayload
import DeeployTestSupport
import Foundation
import StrictJSON
import Testing

/// Large non-JSON bodies stream to disk while the sniffer judges them, over real sockets.
@Suite("Emulator streamed uploads")
struct EmulatorStreamingTests {
    typealias F = EmulatorFixture

    @Test("an octet stream past the threshold is stored as a binary object whose SHA-256 is sha256sum's")
    func streamedObject() async throws {
        var configuration = try F.configuration()
        configuration.streamingThreshold = 1024
        var random = SplitMix64(seed: 2020)
        let body = random.bytes(3 << 20)
        try await Emulator.withRunning(configuration) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let answer = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "application/octet-stream")], body: body)
            #expect(answer.status == 200)
            let digest = try await F.sha256sum(body)
            #expect(answer.json?["predictions"]?[0]?["sha256"] == .string(digest))
            #expect(answer.json?["predictions"]?[0]?["size"] == .number(JSONNumber(body.count)))

            let log = try #require(await emulator.logs.requestLogs().first)
            let object = try #require(log.request.binaryObject)
            #expect(object.sha256 == digest)
            #expect(object.size == body.count)
            #expect(FileManager.default.contents(atPath: object.path) == Data(body))
            #expect(log.splitOutcome == "not-json")
            #expect(await emulator.logs.predictionLogs().count == 1)
        }
    }

    @Test("a streamed body that is refused leaves no log and no file; one past the maximum size is a 413")
    func streamedRefusals() async throws {
        var configuration = try F.configuration(maximumSize: 64 << 10)
        configuration.streamingThreshold = 0
        try await Emulator.withRunning(configuration) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8192)
            let mismatch = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "image/png")], body: elf)
            #expect(mismatch.status == 415)
            #expect(mismatch.contentType == "application/problem+json")
            let large = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "application/octet-stream")],
                                            body: [UInt8](repeating: 7, count: 100 << 10))
            #expect(large.status == 413)
            #expect(large.json?["codes"]?[0] == "too-large")
            // A PNG streams too, and is accepted.
            #expect(try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "image/png")], body: F.png).status == 200)
            let logs = await emulator.logs.requestLogs()
            #expect(logs.count == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: emulator.logs.directory)
            #expect(files == [try await F.sha256sum(F.png)])
        }
    }
}
