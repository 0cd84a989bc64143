import Foundation

/// How much mutation fuzzing `swift test` does, and from which seed.
///
/// - `DEEPLOY_FUZZ_SEED`: the seed (decimal or `0x` hex; `random` picks one and prints it).
///   The default is fixed, so CI runs the same inputs every time.
/// - `DEEPLOY_FUZZ_ITERATIONS`: the base number of inputs per entry point (default 40,000);
///   each entry point runs a fixed fraction of it (see ``FuzzEntryPoint``).
/// - `DEEPLOY_FUZZ_ONLY`: run just this iteration, to reproduce a failure.
struct FuzzConfiguration: Sendable {
    static let defaultSeed: UInt64 = 0xDEE_9105_5EED
    static let defaultIterations = 40_000

    let seed: UInt64
    let iterations: Int
    let only: Int?

    static let current: FuzzConfiguration = {
        let environment = ProcessInfo.processInfo.environment
        let seed: UInt64
        switch environment["DEEPLOY_FUZZ_SEED"] {
        case nil, "": seed = defaultSeed
        case "random": seed = UInt64.random(in: 0...UInt64.max)
        case let text?: seed = parse(text) ?? defaultSeed
        }
        let iterations = environment["DEEPLOY_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? defaultIterations
        let only = environment["DEEPLOY_FUZZ_ONLY"].flatMap { Int($0) }
        return FuzzConfiguration(seed: seed, iterations: iterations, only: only)
    }()

    /// The iterations an entry point runs: `fraction` of the base count, at least one.
    func iterations(_ fraction: Double) -> Range<Int> {
        if let only { return only..<(only + 1) }
        return 0..<max(1, Int((Double(iterations) * fraction).rounded()))
    }

    var seedText: String { "0x" + String(seed, radix: 16) }

    private static func parse(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }
}
