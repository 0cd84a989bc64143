/// How a policy fills in a verdict while it judges a payload.
///
/// The verdict is built in place: it starts accepted, holding the sniff and the declared
/// type (moved in, not copied), and each rule that fails adds a reason. A verdict is made on
/// every request, so this avoids a second, builder-shaped copy of everything.
extension Verdict {
    /// A verdict with no findings yet, accepted until a rule rejects it.
    init(judging sniff: consuming Sniff, declaredRaw: consuming String?, declared: consuming MediaType?) {
        self.init(
            sniff: sniff, isAccepted: true, effectiveContentType: nil, declaredRaw: declaredRaw, declared: declared,
            reasons: [], warnings: [], suggestedContentType: nil
        )
    }

    /// Adds a reason to reject, once per code.
    mutating func reject(_ code: VerdictCode, _ message: String) {
        isAccepted = false
        guard !reasons.contains(where: { $0.code == code }) else { return }
        reasons.append(VerdictFinding(code, message))
    }

    /// Adds a warning, once per code.
    mutating func warn(_ code: VerdictCode, _ message: String) {
        guard !warnings.contains(where: { $0.code == code }) else { return }
        warnings.append(VerdictFinding(code, message))
    }

    /// Rejects under a strict policy, warns otherwise.
    mutating func flag(_ code: VerdictCode, _ message: String, strict: Bool) {
        if strict { reject(code, message) } else { warn(code, message) }
    }

    /// Offers a better Content-Type; the first suggestion stands.
    mutating func suggest(_ type: MediaType) {
        if suggestedContentType == nil { suggestedContentType = type }
    }

    /// Warnings (rejections, under a strict policy) about the content itself:
    /// scriptable types and polyglots, whatever was declared.
    mutating func addContentWarnings(strict: Bool) {
        // Tested before either type is copied: most payloads are neither.
        if declared?.isScriptable == true {
            warnScriptable(declared!, strict: strict)
        } else if sniff.size > 0, sniff.mediaType.isScriptable {
            warnScriptable(sniff.mediaType, strict: strict)
        }
        if sniff.isPolyglot {
            let details = sniff.polyglotFindings.map(\.description).joined(separator: "; ")
            flag(.polyglot, "the \(sniff.mediaType.essence) also carries another format: \(details).", strict: strict)
        }
    }

    private mutating func warnScriptable(_ scriptable: MediaType, strict: Bool) {
        if !strict, warnings.isEmpty, let known = scriptable.knownEssence {
            // Every PDF and SVG is warned about: share one ready-made list rather than
            // allocate the same one-element list on every verdict.
            warnings = Self.scriptableWarnings[Int(known.rawValue)]
        } else {
            flag(.scriptable, Self.scriptableMessage(scriptable), strict: strict)
        }
    }

    /// The scriptable warning for `type`. Every PDF and SVG gets one, so the message for each
    /// common essence is made once rather than on every verdict.
    private static func scriptableMessage(_ type: MediaType) -> String {
        if let known = type.knownEssence { return scriptableMessages[Int(known.rawValue)] }
        return scriptableMessage(essence: type.essence)
    }

    private static let scriptableMessages = KnownEssence.allCases.map { scriptableMessage(essence: $0.essence) }

    /// For each common essence, the warnings of a verdict whose only warning is `scriptable`.
    private static let scriptableWarnings = scriptableMessages.map { [VerdictFinding(.scriptable, $0)] }

    private static func scriptableMessage(essence: String) -> String {
        "\(essence) is a type a browser runs script from; never serve these bytes back to a browser as is."
    }

    /// Settles the verdict: the type to send, if nothing rejected it.
    mutating func finish(sendingAs type: MediaType?) {
        effectiveContentType = isAccepted ? type : nil
    }
}
