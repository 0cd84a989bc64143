#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's text for an errno value, such as "No such file or directory".
func systemMessage(forErrno code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// The calling thread's errno.
var currentErrno: Int32 { errno }
