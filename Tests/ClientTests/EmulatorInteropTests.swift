import DeeployEmulator
import DeeployTestSupport
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// Deeploy's own Python client (deeploy==1.66.0, from PyPI) against the emulator: its
/// `predict`, then `get_request_logs` and `get_prediction_logs`, whose pydantic models
/// (`RequestLog`, `PredictionLog`) must validate the emulator's answers.
///
/// `.ci/run` installs the package when it is not importable; without it this test fails and
/// says how to install it, rather than skipping.
@Suite("Emulator interoperability with Deeploy's Python client", .loopback)
struct EmulatorInteropTests {
    typealias F = EmulatorFixture

    @Test("deeploy 1.66.0 predicts, reads 1 request log and 100 prediction logs back through its own models, and streams a chat completion")
    func pythonClient() async throws {
        let probe = try await EmulatorSubprocess.run("/usr/bin/env", ["python3", "-c", "import deeploy, importlib.metadata as m; print(m.version('deeploy'))"])
        guard probe.status == 0 else {
            Issue.record("Deeploy's Python client is not importable by python3; run `pip install deeploy==1.66.0` (as .ci/run does). \(probe.stderr)")
            return
        }
        #expect(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1.66.0", "the interop script was written against deeploy 1.66.0")

        try await Emulator.withRunning(try F.configuration()) { emulator in
            let script = TestFiles.packageRoot.appendingPathComponent("scripts/interop/deeploy_client.py").path
            let run = try await EmulatorSubprocess.run("/usr/bin/env", [
                "python3", script, "--port", String(emulator.port), "--workspace", F.workspace, "--deployment", F.deployment,
                "--token", F.token, "--access-key", F.accessKey, "--secret-key", F.secretKey, "--instances", "100",
            ])
            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let summary = try JSONParser.parse(run.stdout.split(separator: "\n").last.map(String.init) ?? "")
            #expect(summary["ok"] == true)
            #expect(summary["requestLogs"] == 2)
            #expect(summary["predictionLogs"] == 100)

            // A role delta, "one", " ", " streamed", " answer", the stop delta, and data: [DONE].
            #expect(summary["streamedEvents"] == 7)

            // What the Python client read is what the emulator logged: two predict calls, then
            // the streamed chat completion (made after the logs were read).
            let logs = await emulator.logs.requestLogs()
            #expect(logs.count == 3)
            #expect(summary["firstRequestLog"] == .string(logs[0].id))
            #expect(logs[0].predictionLogIDs.count == 100)
            #expect(logs.last?.endpoint == "chat/completions")
            #expect(logs.last?.streaming == true)
        }
    }
}
