/// What a policy's rules find about a payload, gathered before its verdict is made.
///
/// The rules read the sniff and the declared type as arguments and fill in this small value;
/// the ``Verdict`` is then made once, with the sniff moved in. (Filling in a verdict in place
/// made the rules copy the types they compared out of it, and moved the sniff in right after
/// the sniffer had written it, which the processor then stalls on. A verdict is made on every
/// request.)
struct Judgment {
    private(set) var isAccepted = true
    private(set) var reasons: [Verdict.Finding] = []
    private(set) var warnings: [Verdict.Finding] = []
    private(set) var suggestedContentType: MediaType?
    /// The type to send, if no rule rejects the payload.
    var sendAs: MediaType?

    /// Adds a reason to reject, once per code.
    mutating func reject(_ code: Verdict.Code, _ message: String) {
        isAccepted = false
        guard !reasons.contains(where: { $0.code == code }) else { return }
        reasons.append(Verdict.Finding(code, message))
    }

    /// Adds a warning, once per code.
    mutating func warn(_ code: Verdict.Code, _ message: String) {
        guard !warnings.contains(where: { $0.code == code }) else { return }
        warnings.append(Verdict.Finding(code, message))
    }

    /// Rejects under a strict policy, warns otherwise.
    mutating func flag(_ code: Verdict.Code, _ message: String, strict: Bool) {
        if strict { reject(code, message) } else { warn(code, message) }
    }

    /// Offers a better Content-Type; the first suggestion stands.
    mutating func suggest(_ type: MediaType) {
        if suggestedContentType == nil { suggestedContentType = type }
    }

    /// The verdict on `sniff`: accepted, and sent as ``sendAs``, if no rule rejected it.
    consuming func verdict(on sniff: consuming Sniff, declaredRaw: consuming String?, declared: consuming MediaType?) -> Verdict {
        Verdict(
            sniff: sniff, isAccepted: isAccepted, effectiveContentType: isAccepted ? sendAs : nil, declaredRaw: declaredRaw,
            declared: declared, reasons: reasons, warnings: warnings, suggestedContentType: suggestedContentType
        )
    }
}

extension Judgment {
    /// Warnings (rejections, under a strict policy) about the content itself:
    /// scriptable types and polyglots, whatever was declared.
    mutating func addContentWarnings(_ sniff: Sniff, declared: MediaType?, strict: Bool) {
        // Tested before either type is copied (see AcceptancePolicy.verdict(for:declared:parsed:)).
        if declared?.isScriptable == true {
            warnScriptable(declared!, strict: strict)
        } else if sniff.size > 0, sniff.mediaType.isScriptable {
            warnScriptable(sniff.mediaType, strict: strict)
        }
        if sniff.isPolyglot {
            let details = sniff.polyglotFindings.map(\.description).joined(separator: "; ")
            flag(.polyglot, "the \(sniff.mediaType.essence) also carries another format: \(Diagnostic.clause(details)).", strict: strict)
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
    private static let scriptableWarnings = scriptableMessages.map { [Verdict.Finding(.scriptable, $0)] }

    private static func scriptableMessage(essence: String) -> String {
        "\(essence) is a type a browser runs script from; never serve these bytes back to a browser as is."
    }
}
