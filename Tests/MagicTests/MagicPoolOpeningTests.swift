import Foundation
import Magic
import Testing

/// A pool made with `opening: .onFirstUse` loads libmagic's database on the first call that
/// needs a cookie, once, from any number of threads and tasks at once.
@Suite struct MagicPoolOpeningTests {
    @Test func opensNothingUntilACallNeedsACookie() throws {
        let pool = try MagicPool(size: 4, opening: .onFirstUse)
        #expect(pool.openedCount == 0)
        #expect(try pool.mimeType(of: Fixtures.png) == "image/png")
        #expect(pool.openedCount == 1)
        #expect(try pool.mimeType(of: Fixtures.gif) == "image/gif")
        #expect(pool.openedCount == 1)
    }

    @Test func openFirstCookieOpensOneOnce() throws {
        let pool = try MagicPool(size: 2, opening: .onFirstUse)
        try pool.openFirstCookie()
        try pool.openFirstCookie()
        #expect(pool.openedCount == 1)
        let eager = try MagicPool(size: 2)
        try eager.openFirstCookie()
        #expect(eager.openedCount == 1)
    }

    /// A bad database is not reported by `init`, but by every call that needs a cookie, and a
    /// caller never waits for a cookie that no one could open.
    @Test func aBadDatabaseFailsEachCallInsteadOfCreation() async throws {
        let pool = try MagicPool(size: 2, configuration: .init(database: .path("/missing.mgc")), opening: .onFirstUse)
        #expect(pool.openedCount == 0)
        for _ in 0..<3 {
            #expect(throws: MagicError.self) { _ = try pool.mimeType(of: Fixtures.pdf) }
        }
        #expect(throws: MagicError.self) { try pool.openFirstCookie() }
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    do {
                        if index.isMultiple(of: 2) {
                            _ = try pool.mimeType(of: Fixtures.pdf)
                        } else {
                            _ = try await pool.withCookie { (cookie: inout MagicCookie) in try cookie.mimeType(of: Fixtures.pdf) }
                        }
                        return 0
                    } catch is MagicError {
                        return 1
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 8)
        #expect(pool.openedCount == 0)
    }

    /// Many threads and tasks making the first call at once share the first cookie: they answer
    /// as one serial caller does, and the pool never opens more than its size.
    @Test func concurrentFirstCallsAgree() async throws {
        let inputs = Fixtures.all.map(\.bytes)
        let serial = try inputs.map { try MagicPool(size: 1).mimeType(of: $0) }
        for _ in 0..<5 {
            let pool = try MagicPool(size: 3, opening: .onFirstUse)
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var mismatches = 0
                        for index in 0..<20 {
                            let which = (index &* 7 &+ task) % inputs.count
                            let type = task.isMultiple(of: 2)
                                ? try pool.mimeType(of: inputs[which])
                                : try await pool.withCookie { (cookie: inout MagicCookie) in try cookie.mimeType(of: inputs[which]) }
                            if type != serial[which] { mismatches += 1 }
                        }
                        return mismatches
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            #expect((1...3).contains(pool.openedCount))
        }
    }

    @Test func defaultSizeCountsTheOnlineProcessors() {
        #expect(MagicPool.defaultSize == ProcessInfo.processInfo.activeProcessorCount)
    }
}
