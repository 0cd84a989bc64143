public import StrictJSON

/// The outcome of validating a whole payload as strict RFC 8259 JSON.
public enum JSONCheck: Sendable, Hashable {
    /// The payload is one valid JSON text (a leading UTF-8 byte-order mark is
    /// tolerated here; ``TextEvidence/byteOrderMark`` records it).
    case valid
    /// The payload is not valid JSON; the error says where and why.
    case invalid(JSONError)

    /// True for ``valid``.
    public var isValid: Bool { if case .valid = self { true } else { false } }

    /// The parser's error, for ``invalid(_:)``.
    public var error: JSONError? { if case .invalid(let error) = self { error } else { nil } }
}
