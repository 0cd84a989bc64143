public import DeeployTestSupport
import Foundation

/// Traps when a property the library promises does not hold, so that libFuzzer records the
/// input as a crash; the message goes to standard error first, since optimised builds drop
/// the message of a `preconditionFailure`.
///
/// Only fuzz targets use this: in them, trapping on a broken invariant is the point.
public enum Invariant {
    /// Traps with `message` unless `condition` holds.
    @inlinable
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        if !condition { fail(message(), file: file, line: line) }
    }

    /// Prints `message` (which promise failed) to standard error and traps.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("invariant broken at \(file):\(line): \(message)\n".utf8))
        preconditionFailure("invariant broken: " + message, file: file, line: line)
    }

    /// The recorder a target hands to the checks it shares with the tests
    /// (`DeeployTestSupport`): it traps on the first broken invariant.
    public struct Trap: InvariantRecorder {
        /// A recorder that traps.
        public init() {}

        /// Prints where the shared check failed and `message`, and traps.
        public mutating func record(_ message: String, fileID: String, filePath: String, line: Int, column: Int) {
            Invariant.fail("\(message) (checked at \(fileID):\(line))")
        }
    }
}
