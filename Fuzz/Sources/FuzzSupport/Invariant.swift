/// Traps when a property the library promises does not hold, so that libFuzzer records the
/// input as a crash and prints the message with the stack.
///
/// Only fuzz targets use this: in them, trapping on a broken invariant is the point.
public enum Invariant {
    /// Traps with `message` unless `condition` holds.
    @inlinable
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        if !condition { preconditionFailure("invariant broken: " + message(), file: file, line: line) }
    }

    /// Traps: `message` says which promise failed.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        preconditionFailure("invariant broken: " + message, file: file, line: line)
    }
}
