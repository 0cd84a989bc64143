public import Testing

/// Runs a suite's tests, and the loopback servers they start, ahead of the rest of a full
/// `swift test`.
///
/// Swift Testing starts every test of the run at once on Swift's cooperative pool (two threads
/// on a two-core machine). For the first 13–18 s of a full run that pool has a backlog of test
/// bodies, and a server's task that waits on it waits that long for each step. A request then
/// runs into its client's read timeout although nothing is wrong. Measured with a task that
/// sleeps 50 ms in a loop through a full run, in three runs: it woke up 13.9–18.3 s late at the
/// default priority, and at most 1.2–2.0 s late under this trait.
///
/// A test with this trait runs in a high-priority task. Its child tasks, the servers it starts
/// among them, inherit the priority. (Vapor's `AsyncMiddleware` runs in tasks made on an event
/// loop, which do not inherit it.)
public struct LoopbackTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // Only test cases: a suite's scope would wrap its tests in one task, and their own scopes
        // would nest inside it.
        guard testCase != nil else { return try await function() }
        // An unstructured task inherits the task-locals that attribute issues to this test; it
        // ends before this scope does, so `function` does not outlive it.
        try await withoutActuallyEscaping(function) { function in
            try await Task(priority: .high) { try await function() }.value
        }
    }
}

extension Trait where Self == LoopbackTrait {
    /// Runs the tests and the servers they start at high priority; see ``LoopbackTrait``.
    public static var loopback: Self { Self() }
}
