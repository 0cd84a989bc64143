#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeeployCLISupport

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

    /// Whether the terminal is `TERM=dumb` (Emacs shells, some CI logs), which shows escape
    /// sequences as text.
    static var isDumb: Bool {
        guard let value = getenv("TERM") else { return false }
        return String(cString: value) == "dumb"
    }

    /// Colour on standard output: only on a terminal that is not `TERM=dumb`, and only when
    /// `NO_COLOR` is not set.
    static var standardOutputStyle: TextStyle {
        TextStyle(isEnabled: isTerminal(1) && !isDumb && !noColorRequested)
    }

    /// Tells the person at a terminal that `command` is waiting for them to type the payload:
    /// otherwise a command run without a file seems to hang. Nothing when standard input is a
    /// pipe or a file.
    static func hintIfReadingTerminal(_ command: String) {
        guard isTerminal(0) else { return }
        StandardError.writeLine(
            "deeploy-payload \(command): reading the payload from standard input (this terminal); "
                + "type or paste it, then press Ctrl-D on a new line. To read a file, pass its path.")
    }
}
