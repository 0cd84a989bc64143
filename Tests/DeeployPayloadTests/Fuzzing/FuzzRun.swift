import DeeployTestSupport
import Foundation
import Testing

/// One entry point's fuzzing loop: which iteration is running, on which input, and how to
/// report a broken invariant so that it can be reproduced.
struct FuzzRun: InvariantRecorder {
    /// The most failures reported per run; later ones are only counted.
    static let reportLimit = 10

    let entryPoint: String
    let configuration = FuzzConfiguration.current
    private(set) var failures = 0
    private(set) var iteration = 0
    /// How many iterations ran.
    private(set) var count = 0
    /// What is saved when a check fails; entry points that take two bodies join them with a NUL.
    private var input: [UInt8] = []
    private let start = ContinuousClock.now

    init(_ entryPoint: String) {
        self.entryPoint = entryPoint
    }

    /// Runs `body` once for each of `fraction` of the configured iterations, each with its input.
    ///
    /// Yields after every input. A fuzz loop runs for seconds on one of the cooperative pool's
    /// threads (two on a two-core machine); two loops side by side held both in a full
    /// `swift test`, and the loopback servers of the gateway tests, whose connections are served
    /// by tasks on the same pool, answered nothing for as long as a minute. Yielding lets their
    /// tasks in between inputs; it costs under 1% of a loop.
    mutating func forEachInput(fraction: Double, _ body: (inout FuzzRun, [UInt8], inout SplitMix64) throws -> Void) async rethrows {
        let range = configuration.iterations(fraction)
        count = range.count
        for iteration in range {
            await Task.yield()
            var (bytes, rng) = FuzzInputs.make(iteration, seed: configuration.seed)
            self.iteration = iteration
            self.input = bytes
            try body(&self, bytes, &rng)
        }
        print("\(entryPoint): \(range.count) mutated inputs, seed \(configuration.seedText) (DEEPLOY_FUZZ_SEED), \(failures) failures, \(ContinuousClock.now - start)")
        #expect(failures == 0, "\(entryPoint): \(failures) broken invariants with seed \(configuration.seedText); see the issues above")
    }

    /// Replaces the input saved on failure, for entry points that derive their own.
    mutating func saving(_ bytes: [UInt8]) { input = bytes }

    /// Records a failure (through `check`, which names the caller's place), saving the input and
    /// naming the seed and iteration.
    mutating func record(_ message: String, fileID: String, filePath: String, line: Int, column: Int) {
        failures += 1
        guard failures <= Self.reportLimit else { return }
        let path = save()
        Issue.record(
            """
            \(entryPoint), seed \(configuration.seedText), iteration \(iteration): \(message)
            input (\(input.count) bytes) saved to \(path)
            reproduce: DEEPLOY_FUZZ_SEED=\(configuration.seedText) DEEPLOY_FUZZ_ONLY=\(iteration) swift test --filter MutationFuzzTests
            """,
            sourceLocation: SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    private func save() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deeploy-fuzz-failures")
        let file = folder.appendingPathComponent("\(entryPoint)-seed-\(configuration.seedText)-iteration-\(iteration).bin")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(input).write(to: file)
            return file.path
        } catch {
            return "(not saved: \(error))"
        }
    }
}
