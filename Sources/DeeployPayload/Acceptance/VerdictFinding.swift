/// One reason or warning in a ``Verdict``: a stable code and a message for people.
public struct VerdictFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable code, such as ``VerdictCode/invalidJSON``.
    public var code: VerdictCode
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a finding.
    public init(_ code: VerdictCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
