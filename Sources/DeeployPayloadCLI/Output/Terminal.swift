#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process's output is connected to, and whether colour is wanted.
enum Terminal {
    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Whether the user asked for no colour: `NO_COLOR` set to anything but the empty string
    /// (<https://no-color.org>).
    static var noColorRequested: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// Colour on standard output: only on a terminal, and only when `NO_COLOR` is not set.
    static var standardOutputStyle: TextStyle {
        TextStyle(isEnabled: isTerminal(1) && !noColorRequested)
    }
}
