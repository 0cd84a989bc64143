import Foundation
import Magic
import Testing

@Suite struct MagicPoolTests {
    @Test func opensOneCookieEagerlyAndTheRestLazily() throws {
        let pool = try MagicPool(size: 4)
        #expect(pool.openedCount == 1)
        #expect(try pool.mimeType(of: Fixtures.png) == "image/png")
        #expect(pool.openedCount == 1)
    }

    @Test func sizeIsAtLeastOne() throws {
        let pool = try MagicPool(size: 0)
        #expect(pool.size == 1)
        #expect(try pool.mimeType(of: Fixtures.gif) == "image/gif")
    }

    @Test func badConfigurationFailsAtCreation() {
        #expect(throws: MagicError.self) {
            _ = try MagicPool(size: 2, configuration: .init(database: .path("/missing.mgc")))
        }
    }

    @Test func configurationIsFixedForEveryCookie() throws {
        let pool = try MagicPool(size: 2, configuration: .init(flags: .continue, parameters: [.bytesMax: 8192]))
        try pool.withCookie { (cookie: inout MagicCookie) throws in
            #expect(cookie.flags.contains(.continue))
            #expect(try cookie.value(of: .bytesMax) == 8192)
        }
    }

    @Test func neverOpensMoreThanItsSize() async throws {
        let pool = try MagicPool(size: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { for _ in 0..<50 { _ = try pool.mimeType(of: Fixtures.pdf) } }
            }
            try await group.waitForAll()
        }
        #expect(pool.openedCount <= 2)
    }

    @Test func noTwoCallersHoldTheSameCookie() async throws {
        let pool = try MagicPool(size: 3)
        let inUse = InUseCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    for _ in 0..<200 {
                        try await pool.withCookie { (cookie: inout MagicCookie) throws in
                            inUse.enter()
                            defer { inUse.leave() }
                            _ = try cookie.mimeType(of: Fixtures.jpeg)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inUse.peak <= 3)
        #expect(inUse.current == 0)
    }

    /// 8 concurrent tasks x 10,000 sniffs of mixed inputs through one pool give the serial answers.
    @Test func stressConcurrentSniffsMatchSerialResults() async throws {
        let pool = try MagicPool(size: 4)
        let inputs = Fixtures.all.map(\.bytes)
        let serial = try inputs.map { try pool.sniff($0) }
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for index in 0..<10_000 {
                        // Lets other tests' tasks (loopback servers among them) onto the pool.
                        await Task.yield()
                        let which = (index &* 31 &+ task) % inputs.count
                        let report = index.isMultiple(of: 2)
                            ? try pool.sniff(inputs[which])
                            : try await pool.withCookie { (cookie: inout MagicCookie) in try cookie.sniff(inputs[which]) }
                        if report != serial[which] { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func threadsBlockedOnTheSyncPathAreServed() throws {
        let pool = try MagicPool(size: 1)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for _ in 0..<100 {
                let type = (try? pool.mimeType(of: index.isMultiple(of: 2) ? Fixtures.png : Fixtures.gif)) ?? "error"
                results.append(type)
            }
        }
        #expect(results.values.count == 800)
        #expect(Set(results.values) == ["image/png", "image/gif"])
    }
}

/// Counts how many callers are inside a critical region at once.
final class InUseCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var values: [String] { lock.withLock { storage } }
    func append(_ value: String) { lock.withLock { storage.append(value) } }
}
