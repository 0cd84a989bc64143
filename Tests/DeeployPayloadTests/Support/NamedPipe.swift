import Foundation

/// A named pipe (FIFO) in the temporary folder, for checking that file readers refuse one
/// rather than wait for a writer that never comes.
struct NamedPipe: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)").path
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { unlink(path) }

    /// Runs `body` with the pipe's path on another thread, and returns what it returns, or nil
    /// when it is still running after `seconds`. A reader that waits in `open` is then freed by
    /// opening the pipe's write end, so that no thread is left waiting.
    func withinSeconds<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable (String) -> T) -> T? {
        let finished = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        let path = path
        Thread.detachNewThread {
            outcome.value = body(path)
            finished.signal()
        }
        if finished.wait(timeout: .now() + seconds) == .success { return outcome.value }
        let writer = open(path, O_WRONLY | O_NONBLOCK)
        finished.wait()
        if writer >= 0 { close(writer) }
        return nil
    }

    /// Written by the thread before it signals, read after the wait: the semaphore orders the two.
    private final class Outcome<T>: @unchecked Sendable {
        var value: T?
    }
}
