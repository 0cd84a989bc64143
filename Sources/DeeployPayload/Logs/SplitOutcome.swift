/// Whether a request was split into several prediction logs, and if not, why not.
public enum SplitOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Split into ``SplitPlan/count`` prediction logs.
    case split(SplitPlan)
    /// Kept as one prediction log holding the whole bodies.
    case notSplit(NoSplitReason)

    /// A stable code: `split`, or the ``NoSplitReason/code``.
    public var code: String {
        switch self {
        case .split: "split"
        case .notSplit(let reason): reason.code
        }
    }

    /// Whether the request was split.
    public var isSplit: Bool {
        if case .split = self { true } else { false }
    }

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .split(let plan):
            "split into \(plan.count) prediction logs along \(plan.requestKey) and \(plan.responseKeys.joined(separator: " and "))"
        case .notSplit(let reason):
            "not split: \(reason)"
        }
    }
}
