#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeeployCLISupport

/// A one-line progress report on standard error, redrawn in place at most ten times a second.
struct ProgressLine {
    let total: Int
    let isEnabled: Bool
    private var lastDrawn: ContinuousClock.Instant?
    private var isShowing = false

    init(total: Int, isEnabled: Bool) {
        self.total = total
        self.isEnabled = isEnabled
    }

    mutating func update(done: Int, path: String) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        let escaped = path.escapingControlCharacters
        let shown = escaped.count > 60 ? "…" + escaped.suffix(59) : escaped
        StandardError.write("\r\u{1B}[Kinspecting \(done)/\(total) \(shown)")
        isShowing = true
    }

    /// Makes Ctrl-C (SIGINT) clear the line before the process ends, when the line is enabled.
    ///
    /// The handler erases the line (one `write`, which is safe in a signal handler), restores the
    /// default action and raises the signal again: the process ends killed by SIGINT, which a
    /// shell reports as status 130 and which stops a shell loop around the command, as for any
    /// program that does not handle the signal.
    func clearsOnInterrupt() {
        guard isEnabled else { return }
        signal(SIGINT) { _ in
            let erase: StaticString = "\r\u{1B}[K"
            _ = write(2, erase.utf8Start, erase.utf8CodeUnitCount)
            signal(SIGINT, SIG_DFL)
            raise(SIGINT)
        }
    }

    mutating func clear() {
        guard isShowing else { return }
        StandardError.write("\r\u{1B}[K")
        isShowing = false
    }
}
