import DeeployEmulator
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// The statuses the emulator answers with, as Deeploy does, over real sockets.
@Suite("Emulator statuses", .loopback)
struct EmulatorStatusTests {
    typealias F = EmulatorFixture

    @Test("401 without credentials, with a malformed or a wrong one; 200 with the token or the key pair")
    func credentials() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let body = Array(#"{"instances": [1]}"#.utf8)
            let refusals: [[(String, String)]] = [
                [], [("Authorization", "Bearer wrong-token")], [("Authorization", "Bearer")],
                [("Authorization", "Basic " + Data("AKEMULATOR:nope".utf8).base64EncodedString())], [("Authorization", "Digest x")],
            ]
            for headers in refusals {
                let answer = try await EmulatorHTTP.send(url, headers: headers, body: body)
                #expect(answer.status == 401, "\(headers)")
                #expect(answer.json?["statusCode"] == 401)
                #expect(answer.json?["message"]?.stringValue?.isEmpty == false)
                #expect(answer.headers.contains { $0.0.lowercased() == "www-authenticate" })
            }
            let basic = "Basic " + Data("\(F.accessKey):\(F.secretKey)".utf8).base64EncodedString()
            #expect(try await EmulatorHTTP.send(url, headers: F.bearer, body: body).status == 200)
            #expect(try await EmulatorHTTP.send(url, headers: [("Authorization", basic)], body: body).status == 200)
            // A refused credential leaves no log.
            #expect(await emulator.logs.requestLogs().count == 2)
        }
    }

    @Test("404 for an unknown workspace, deployment or endpoint, with Deeploy's error body")
    func notFound() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let paths = [
                "/workspaces/other/deployments/\(F.deployment)/predict",
                "/workspaces/\(F.workspace)/deployments/other/predict",
                "/workspaces/\(F.workspace)/deployments/\(F.deployment)/train",
                "/health",
            ]
            for path in paths {
                let answer = try await EmulatorHTTP.send(emulator.baseURL + path, headers: F.json, body: Array("{}".utf8))
                #expect(answer.status == 404, "\(path)")
                #expect(answer.json?["error"] == "Not Found", "\(path)")
            }
            let wrongMethod = try await EmulatorHTTP.get(emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict", headers: F.bearer)
            #expect(wrongMethod.status == 405)
        }
    }

    @Test("415 for a type Deeploy does not accept, and for bytes that are not what is declared, as problem+json")
    func unsupportedMediaType() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let xml = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "application/xml")], body: Array("<a/>".utf8))
            #expect(xml.status == 415)
            #expect(xml.contentType == "application/problem+json")
            #expect(xml.json?["codes"] == ["not-accepted-type"])
            let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 4096)
            let mismatch = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "image/png")], body: elf)
            #expect(mismatch.status == 415)
            #expect(mismatch.json?["codes"]?[0] == "declared-mismatch")
            #expect(await emulator.logs.requestLogs().isEmpty)
        }
    }

    @Test("413 past the maximum size, 400 for invalid JSON; neither leaves a request log")
    func tooLargeAndInvalid() async throws {
        try await Emulator.withRunning(try F.configuration(maximumSize: 1024)) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let big = Array(#"{"instances": ["#.utf8) + Array(repeating: UInt8(ascii: "1"), count: 4096) + Array("]}".utf8)
            let tooLarge = try await EmulatorHTTP.send(url, headers: F.json, body: big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.contentType == "application/problem+json")
            #expect(tooLarge.json?["codes"] == ["too-large"])
            #expect(tooLarge.json?["status"] == 413)

            let invalid = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"instances": [1,]}"#.utf8))
            #expect(invalid.status == 400)
            #expect(invalid.json?["codes"] == ["invalid-json"])
            #expect(invalid.json?["detail"]?.stringValue?.isEmpty == false)

            #expect(await emulator.logs.requestLogs().isEmpty)
            #expect(await emulator.logs.predictionLogs().isEmpty)
            let listed = try await EmulatorHTTP.get(emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/requestLogs", headers: F.bearer)
            #expect(listed.json == [])
        }
    }

    @Test("--fail-every answers every Nth call with 500 and a KServe error body, and logs it")
    func injectedFaults() async throws {
        try await Emulator.withRunning(try F.configuration(failEvery: 3)) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"instances": [1, 2]}"#.utf8)).status) }
            #expect(statuses == [200, 200, 500, 200, 200, 500])
            let logs = await emulator.logs.requestLogs()
            #expect(logs.map(\.status) == statuses)
            #expect(logs[2].splitOutcome == "error-status")
        }
    }
}
