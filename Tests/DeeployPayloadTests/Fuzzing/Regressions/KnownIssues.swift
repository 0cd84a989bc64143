import DeeployPayload

/// Failures fuzzing found that wait for a fix in the library. The fuzzers let exactly these
/// pass, so that they go on to find new ones; ``FuzzRegressionTests`` holds each as a known
/// issue, and reports when it is fixed.
enum KnownIssues {
    /// libmagic 5.44 fails (no message, errno 0) when asked for the MIME type of a payload that
    /// starts with a UTF-32 byte-order mark and holds a code unit above U+10FFFF; `file --mime`
    /// prints `ERROR: (null)`. The sniffer passes it on as ``SniffError/libmagic(_:)``.
    static func isUTF32LibmagicFailure(_ error: SniffError, payload: [UInt8]) -> Bool {
        guard case .libmagic(.analysisFailed) = error else { return false }
        let start = Array(payload.prefix(4))
        return start == [0xFF, 0xFE, 0x00, 0x00] || start == [0x00, 0x00, 0xFE, 0xFF]
    }
}
