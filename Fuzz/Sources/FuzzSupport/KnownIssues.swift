public import DeeployPayload

/// Failures already found, reported and waiting for a fix in the library, which the targets
/// let pass so that fuzzing goes on to find new ones. Each has a regression test in
/// `Tests/DeeployPayloadTests/Fuzzing/Regressions/`; remove it here when that test passes.
public enum KnownIssues {
    /// libmagic 5.44 fails (no message, errno 0) when asked for the MIME type of a payload that
    /// starts with a UTF-32 byte-order mark and holds a code unit above U+10FFFF, for example
    /// `FF FE 00 00 41 00 41 FD`; `file --mime` prints `ERROR: (null)` for it. The sniffer
    /// passes the failure on as ``SniffError/libmagic(_:)`` instead of answering.
    public static func isUTF32LibmagicFailure(_ error: SniffError, payload: UnsafeRawBufferPointer) -> Bool {
        guard case .libmagic(.analysisFailed) = error, payload.count >= 4 else { return false }
        let start = Array(payload.prefix(4))
        return start == [0xFF, 0xFE, 0x00, 0x00] || start == [0x00, 0x00, 0xFE, 0xFF]
    }
}
