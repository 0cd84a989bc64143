import DeeployPayload
import DeeployTestSupport
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
    @Test func inferenceTargets() async {
        var run = FuzzRun("inference-target")
        var built = 0
        await run.forEachInput(fraction: 0.3) { run, bytes, rng in
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
            if HeaderInvariants.checkTarget(host: host, workspace: workspace, deployment: deployment, into: &run) { built += 1 }
        }
        #expect(built * 10 >= run.count, "only \(built) targets of \(run.count) iterations were accepted")
    }
}
