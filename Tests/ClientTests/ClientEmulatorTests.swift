import DeeployClient
import DeeployEmulator
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// The client against the emulator, in process, over loopback: what the issue judges end to end.
@Suite("DeeployClient end to end through the emulator", .loopback)
struct ClientEmulatorTests {
    static func client(_ emulator: RunningEmulator, deployment: String = EmulatorFixture.deployment) throws -> DeeployClient {
        try DeeployClient(
            deployment: try DeploymentAddress(url: emulator.deploymentURL(workspace: EmulatorFixture.workspace, deployment: deployment)),
            authentication: .credentials(try .deploymentToken(EmulatorFixture.token)),
            configuration: .init(retry: RetryPolicy(maximumRetries: 0, seed: 1)))
    }

    @Test("a V1 request of 100 instances, split into 4 batches: predictions in order, 100 prediction logs")
    func hundredInstancesInBatches() async throws {
        let instances: [JSONValue] = (0..<100).map { [.number(JSONNumber($0)), .number(JSONNumber($0 * 2))] }
        try await Emulator.withRunning(try EmulatorFixture.configuration()) { emulator in
            let response = try await ClientFixture.with(try Self.client(emulator)) {
                try await $0.predict(try .encoding(V1PredictRequest(instances: instances)), options: .init(batches: 4))
            }
            #expect(try response.decoded(as: V1PredictResponse.self).predictions == instances)
            #expect(response.batches.count == 4)
            let requestLogs = await emulator.logs.requestLogs(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)
            let predictionLogs = await emulator.logs.predictionLogs(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)
            #expect(requestLogs.count == 4)
            #expect(predictionLogs.count == 100)
        }
    }

    @Test("a PNG: sent as image/png, one prediction log, its body a binary object with its SHA-256")
    func png() async throws {
        try await Emulator.withRunning(try EmulatorFixture.configuration()) { emulator in
            let response = try await ClientFixture.with(try Self.client(emulator)) { try await $0.predict(.bytes(EmulatorFixture.png)) }
            #expect(response.status == 200)
            #expect(response.verdict.effectiveContentType?.essence == "image/png")
            let requestLogs = await emulator.logs.requestLogs(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)
            let predictionLogs = await emulator.logs.predictionLogs(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)
            #expect(requestLogs.count == 1)
            #expect(predictionLogs.count == 1)
            let object = try #require(requestLogs.first?.request.binaryObject)
            #expect(object.mediaType.essence == "image/png")
            let digest = try await ClientFixture.sha256sum(EmulatorFixture.png)
            #expect(object.sha256 == digest)
        }
    }

    @Test("a refused payload leaves no request log at all")
    func refusedLeavesNoLog() async throws {
        try await Emulator.withRunning(try EmulatorFixture.configuration()) { emulator in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try Self.client(emulator)) {
                    try await $0.predict(.bytes(EmulatorFixture.png, declared: "application/json"))
                }
            }
            #expect(error?.verdict?.isAccepted == false)
            #expect(await emulator.logs.requestLogs().isEmpty)
        }
    }

    @Test("wrong credentials: the emulator's 401 as a typed error")
    func wrongCredentials() async throws {
        try await Emulator.withRunning(try EmulatorFixture.configuration()) { emulator in
            let client = try DeeployClient(
                deployment: try DeploymentAddress(url: emulator.deploymentURL(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)),
                authentication: .credentials(try .deploymentToken("wrong-token")))
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(client) { try await $0.predict(.json(["instances": [[1]]])) }
            }
            #expect(error?.status == 401)
        }
    }

    @Test("deeploy-payload send to the emulator: a JSON answer, and a refused payload with no log")
    func sendThroughEmulator() async throws {
        let json = try ClientFixture.file(Array(#"{"instances": [[1, 2], [3, 4]]}"#.utf8), name: "send-emulator")
        let png = try ClientFixture.file(EmulatorFixture.png, name: "send-emulator-png")
        defer {
            try? FileManager.default.removeItem(atPath: json)
            try? FileManager.default.removeItem(atPath: png)
        }
        try await Emulator.withRunning(try EmulatorFixture.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: EmulatorFixture.workspace, deployment: EmulatorFixture.deployment)
            let ok = try await ClientSendTests.send([json, "--url", url, "--format", "json"], environment: ["DEEPLOY_TOKEN": EmulatorFixture.token])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(try JSONParser.parse(ok.stdout)["value"]?["predictions"] == [[1, 2], [3, 4]])
            let refused = try await ClientSendTests.send(
                [png, "--url", url, "--declared", "application/json"], environment: ["DEEPLOY_TOKEN": EmulatorFixture.token])
            #expect(refused.status == 1)
            #expect(await emulator.logs.requestLogs().count == 1)
        }
    }
}
