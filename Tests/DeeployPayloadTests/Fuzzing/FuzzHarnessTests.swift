import DeeployTestSupport
import Foundation
import StrictJSON
import Testing

/// The mutation fuzzer itself: reproducible inputs, real mutations, and failures that say how
/// to reproduce them.
@Suite struct FuzzHarnessTests {
    @Test func anIterationGivesTheSameInputEveryTime() {
        for iteration in [0, 1, 77, 99_999] {
            #expect(FuzzInputs.make(iteration, seed: 42).bytes == FuzzInputs.make(iteration, seed: 42).bytes)
        }
    }

    @Test func seedsAndIterationsGiveDifferentInputs() {
        let inputs = (0..<200).map { FuzzInputs.make($0, seed: 42).bytes }
        #expect(Set(inputs).count > 190)
        let otherSeed = (0..<200).map { FuzzInputs.make($0, seed: 43).bytes }
        #expect(zip(inputs, otherSeed).filter { $0 == $1 }.count < 10)
    }

    @Test func inputsAreMutatedAndSmall() {
        let files = Set(FuzzSeeds.files)
        let inputs = (0..<500).map { FuzzInputs.make($0, seed: 7).bytes }
        #expect(inputs.allSatisfy { $0.count <= Mutator.maximumSize })
        #expect(inputs.filter { files.contains($0) }.count < 25, "most inputs must differ from every corpus file")
    }

    @Test func theCorpusIsLoaded() {
        #expect(FuzzSeeds.files.count >= 200)
        #expect(!FuzzSeeds.tensors.isEmpty)
        #expect(FuzzSeeds.pairs.count >= 10)
        #expect(!FuzzSeeds.contentTypes.isEmpty && !FuzzSeeds.authorizations.isEmpty)
    }

    @Test func entryMutationsKeepPairsSplittable() {
        var rng = SplitMix64(seed: 9)
        var valid = 0
        for _ in 0..<200 {
            let pair = rng.pick(FuzzSeeds.pairs)
            var request = pair.request
            var response = pair.response
            EntryMutator.mutate(request: &request, response: &response, rng: &rng)
            if JSONValidator.isValid(request) { valid += 1 }
        }
        #expect(valid > 100, "entry mutations must mostly keep the request valid JSON: \(valid)")
    }

    @Test func aBrokenInvariantNamesTheSeedAndIterationAndSavesTheInput() async throws {
        let configuration = FuzzConfiguration.current
        let iteration = configuration.iterations(0.00001).lowerBound
        await withKnownIssue("a deliberately broken invariant") {
            var run = FuzzRun("harness-self-test")
            await run.forEachInput(fraction: 0.00001) { run, _, _ in run.check(false, "deliberately broken") }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            if text.contains("broken invariants with seed \(configuration.seedText)") { return true }
            return text.contains("deliberately broken") && text.contains("seed \(configuration.seedText), iteration \(iteration):")
                && text.contains("DEEPLOY_FUZZ_SEED=\(configuration.seedText) DEEPLOY_FUZZ_ONLY=\(iteration)")
                && text.contains("deeploy-fuzz-failures/harness-self-test-seed-\(configuration.seedText)-iteration-\(iteration).bin")
        }
        let saved = FileManager.default.temporaryDirectory
            .appendingPathComponent("deeploy-fuzz-failures/harness-self-test-seed-\(configuration.seedText)-iteration-\(iteration).bin")
        #expect([UInt8](try Data(contentsOf: saved)) == FuzzInputs.make(iteration, seed: configuration.seed).bytes)
    }
}
