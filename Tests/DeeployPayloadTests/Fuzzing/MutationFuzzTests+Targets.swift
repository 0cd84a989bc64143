import DeeployPayload
import Foundation
import Testing

extension MutationFuzzTests {
    /// Hosts and ids a caller might pass, to mutate.
    static let targetSeeds = (
        hosts: ["example.deeploy.ml", "api.deeploy.example.com:8443", "localhost", "x-1.y-2.z", "h.io:1", "EXAMPLE.Deeploy.ML"],
        ids: ["ws-1", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "dep_1.v2~x", "a", "..x", "a.b"]
    )

    /// `InferenceTarget` on the input read as text, on mutated hosts and ids and on random
    /// header-like strings: every input is either refused with a typed error that names the
    /// field, or gives a request that goes to `https://api.HOST` and to exactly the deployment's
    /// path, with no other host, path segment, query or fragment (checked by Foundation's URL parser).
    @Test func inferenceTargets() {
        var run = FuzzRun("inference-target")
        var built = 0
        run.forEachInput(fraction: 0.3) { run, bytes, rng in
            let text = String(decoding: bytes.prefix(300), as: UTF8.self)
            func mutated(_ seeds: [String], rng: inout SplitMix64) -> String {
                String(decoding: FuzzInputs.mutate(Array(rng.pick(seeds).utf8), rng: &rng).prefix(300), as: UTF8.self)
            }
            func pick(_ seeds: [String], rng: inout SplitMix64) -> String {
                switch rng.below(6) {
                case 0, 1, 2: rng.pick(seeds)
                case 3: FuzzSeeds.headerString(rng: &rng)
                case 4: text
                default: mutated(seeds, rng: &rng)
                }
            }
            let host = pick(Self.targetSeeds.hosts, rng: &rng)
            let workspace = pick(Self.targetSeeds.ids, rng: &rng)
            let deployment = pick(Self.targetSeeds.ids, rng: &rng)
            if Self.checkTarget(host: host, workspace: workspace, deployment: deployment, run: &run) { built += 1 }
        }
        #expect(built * 10 >= run.count, "only \(built) targets of \(run.count) iterations were accepted")
    }

    /// Checks one host and pair of ids; true when they make a target.
    static func checkTarget(host: String, workspace: String, deployment: String, run: inout FuzzRun) -> Bool {
        let made = Result { () throws(DeeployRequestError) in
            try InferenceTarget(host: host, workspaceID: workspace, deploymentID: deployment)
        }
        let target: InferenceTarget
        switch made {
        case .failure(let error):
            run.check(!error.description.isEmpty, "an empty error message")
            return false
        case .success(let value):
            target = value
        }
        let inputs = "host \(host.debugDescription), ids \(workspace.debugDescription) and \(deployment.debugDescription)"
        run.check(target.host == host.lowercased(), "the host \(target.host.debugDescription) is not the given one lowercased: \(inputs)")
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:".utf8)
        run.check(target.host.utf8.allSatisfy(allowed.contains), "the host keeps a character outside a DNS name and port: \(inputs)")
        for id in [target.workspaceID, target.deploymentID] {
            run.check(id != "." && !id.contains(".."), "an id with a dot segment was accepted: \(inputs)")
        }

        let url = target.url(for: .predict)
        guard let components = URLComponents(string: url) else {
            run.check(false, "\(url.debugDescription) is not a URL: \(inputs)")
            return true
        }
        let name = target.host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let port = target.host.split(separator: ":", maxSplits: 1).dropFirst().first.flatMap { Int($0) }
        run.check(components.scheme == "https", "\(url) is not https: \(inputs)")
        run.check(components.host == "api." + name, "\(url) goes to another host: \(inputs)")
        run.check(components.port == port, "\(url) has port \(String(describing: components.port)): \(inputs)")
        run.check(components.user == nil && components.password == nil, "\(url) carries a user: \(inputs)")
        run.check(components.query == nil && components.fragment == nil, "\(url) has a query or fragment: \(inputs)")
        run.check(components.percentEncodedPath == target.path(for: .predict), "\(url) has another path: \(inputs)")
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        run.check(
            segments == ["", "workspaces", target.workspaceID, "deployments", target.deploymentID, "predict"],
            "\(url) has path segments \(segments): \(inputs)")
        return true
    }
}
