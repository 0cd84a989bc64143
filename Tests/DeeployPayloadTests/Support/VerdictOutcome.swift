import DeeployPayload

/// What a verdict decides, without the sniff it carries: the verdict one call makes
/// (`Sniffer.verdict`) names declared text by the built-in rules, so its sniff may differ
/// from `Sniffer.sniff`'s while its decision must not.
struct VerdictOutcome: Equatable, CustomStringConvertible {
    var isAccepted: Bool
    var reasons: Set<Verdict.Code>
    var warnings: Set<Verdict.Code>
    var effectiveContentType: MediaType?
    var suggestedContentType: MediaType?

    init(_ verdict: Verdict) {
        isAccepted = verdict.isAccepted
        reasons = Set(verdict.reasonCodes)
        warnings = Set(verdict.warningCodes)
        effectiveContentType = verdict.effectiveContentType
        suggestedContentType = verdict.suggestedContentType
    }

    var description: String {
        "\(isAccepted ? "accepted" : "rejected") reasons \(reasons.map(\.rawValue).sorted()) warnings \(warnings.map(\.rawValue).sorted()) effective \(effectiveContentType?.description ?? "none")"
    }

    /// Whether the one-call verdict `fast` decides as `thorough`, the verdict on libmagic's
    /// sniff of the same bytes, does. The built-in rules may find markup libmagic misses
    /// (WHATWG's HTML patterns), so `fast` may add a `scriptable` finding, and under a strict
    /// policy be rejected for it; it may never drop one or differ otherwise.
    static func agrees(fast: Verdict, thorough: Verdict) -> Bool {
        let fast = VerdictOutcome(fast), thorough = VerdictOutcome(thorough)
        if fast == thorough { return true }
        let scriptable: Set<Verdict.Code> = [.scriptable]
        let fastFindsScriptable = !fast.reasons.union(fast.warnings).isDisjoint(with: scriptable)
        guard fastFindsScriptable,
              fast.reasons.subtracting(scriptable) == thorough.reasons.subtracting(scriptable),
              fast.warnings.subtracting(scriptable) == thorough.warnings.subtracting(scriptable),
              fast.suggestedContentType == thorough.suggestedContentType
        else { return false }
        if fast.isAccepted == thorough.isAccepted { return fast.effectiveContentType == thorough.effectiveContentType }
        return !fast.isAccepted && fast.reasons == thorough.reasons.union(scriptable)
    }
}
