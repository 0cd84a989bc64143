import DeeployPayload

/// Counts of results by verdict, sniffed type and reason, for the table's closing summary.
struct InspectionSummary {
    private(set) var accepted = 0
    private(set) var rejected = 0
    private(set) var unreadable = 0
    private var types: [String: Int] = [:]
    private var reasons: [String: Int] = [:]

    var total: Int { accepted + rejected + unreadable }

    mutating func add(_ outcome: InspectionOutcome) {
        switch outcome {
        case .failure:
            unreadable += 1
        case .verdict(_, let verdict, _):
            if verdict.isAccepted { accepted += 1 } else { rejected += 1 }
            types[verdict.sniffed.essence, default: 0] += 1
            for reason in verdict.reasons { reasons[reason.code.rawValue, default: 0] += 1 }
        }
    }

    /// `3 files: 1 accepted, 1 rejected, 1 unreadable`, then counts by type and by reason.
    var lines: [String] {
        var lines = ["\(total) \(total == 1 ? "file" : "files"): \(accepted) accepted, \(rejected) rejected, \(unreadable) unreadable"]
        if !types.isEmpty { lines.append("by type: " + Self.counts(types)) }
        if !reasons.isEmpty { lines.append("by reason: " + Self.counts(reasons)) }
        return lines
    }

    /// `name count` pairs, most frequent first, then by name.
    private static func counts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
    }
}
