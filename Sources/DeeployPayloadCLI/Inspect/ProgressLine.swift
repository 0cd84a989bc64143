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

    mutating func clear() {
        guard isShowing else { return }
        StandardError.write("\r\u{1B}[K")
        isShowing = false
    }
}
