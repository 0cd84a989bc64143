public import StrictJSON

/// Whether a request was split into several prediction logs, and if not, why not.
public enum SplitOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Split into ``Plan/count`` prediction logs.
    case split(Plan)
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

    /// How a request was split: which request array, which response arrays, and how many entries.
    public struct Plan: Sendable, Hashable {
        /// The request member that was split: `instances`, `inputs` or `prompt`.
        public var requestKey: String
        /// The response members split alongside: `predictions` (and `explanations`), or `choices`.
        public var responseKeys: [String]
        /// The number of entries, and of prediction logs.
        public var count: Int

        /// Creates a plan.
        public init(requestKey: String, responseKeys: [String], count: Int) {
            self.requestKey = requestKey
            self.responseKeys = responseKeys
            self.count = count
        }
    }
}

/// Why a request/response pair gave one prediction log rather than one per entry.
///
/// Each reason has a stable ``code`` for dashboards and queries, and a ``description`` for people.
public enum NoSplitReason: Sendable, Hashable, CustomStringConvertible {
    /// The status is not 2xx: there are no predictions to pair with the entries.
    case errorStatus(Int)
    /// The request's type is not JSON (an image, a PDF, ...); it is kept as a binary object.
    case requestNotJSON(MediaType)
    /// The response's type is not JSON; it is kept as a binary object.
    case binaryResponse(MediaType)
    /// A body whose type is JSON does not parse; it is kept as a binary object.
    case invalidJSON(Side, JSONError)
    /// A body is valid JSON but not an object, so it has no members to split.
    case notAnObject(Side)
    /// A body's top-level object has a key twice, so which array counts is ambiguous.
    case duplicateKey(Side, JSONError)
    /// The request has no `instances` or `inputs` (nor `prompt`, for completions).
    case noSplitArray
    /// The member to split is not an array.
    case notAnArray(Side, key: String)
    /// The request's array is empty.
    case noEntries(key: String)
    /// The request's array has exactly one entry.
    case singleEntry(key: String)
    /// The response has no `predictions`, `explanations` or `choices`.
    case noResponseArray
    /// A response array has another number of entries than the request's.
    case lengthMismatch(requestKey: String, requestCount: Int, responseKey: String, responseCount: Int)

    /// A stable code: `error-status`, `not-json`, `binary-response`, `invalid-json`,
    /// `not-an-object`, `duplicate-key`, `no-split-array`, `not-an-array`, `no-entries`,
    /// `single-entry`, `no-response-array` or `length-mismatch`.
    public var code: String {
        switch self {
        case .errorStatus: "error-status"
        case .requestNotJSON: "not-json"
        case .binaryResponse: "binary-response"
        case .invalidJSON: "invalid-json"
        case .notAnObject: "not-an-object"
        case .duplicateKey: "duplicate-key"
        case .noSplitArray: "no-split-array"
        case .notAnArray: "not-an-array"
        case .noEntries: "no-entries"
        case .singleEntry: "single-entry"
        case .noResponseArray: "no-response-array"
        case .lengthMismatch: "length-mismatch"
        }
    }

    /// Every code, for documentation and for checking that stored codes are known.
    public static let codes = [
        "error-status", "not-json", "binary-response", "invalid-json", "not-an-object", "duplicate-key",
        "no-split-array", "not-an-array", "no-entries", "single-entry", "no-response-array", "length-mismatch",
    ]

    /// What was found, in words.
    public var description: String {
        switch self {
        case .errorStatus(let status):
            "the response status is \(status), not 2xx"
        case .requestNotJSON(let type):
            "the request is \(type), not JSON; it is kept as a binary object"
        case .binaryResponse(let type):
            "the response is \(type), not JSON; it is kept as a binary object"
        case .invalidJSON(let side, let error):
            "the \(side.rawValue) claims JSON but is not (\(error)); it is kept as a binary object"
        case .notAnObject(let side):
            "the \(side.rawValue) is JSON but not an object"
        case .duplicateKey(let side, let error):
            "the \(side.rawValue)'s top-level object repeats a key (\(error))"
        case .noSplitArray:
            #"the request has no "instances", "inputs" or (for completions) "prompt""#
        case .notAnArray(let side, let key):
            #"the \#(side.rawValue)'s "\#(key)" is not an array"#
        case .noEntries(let key):
            #"the request's "\#(key)" is empty"#
        case .singleEntry(let key):
            #"the request's "\#(key)" has a single entry"#
        case .noResponseArray:
            #"the response has no "predictions", "explanations" or "choices""#
        case .lengthMismatch(let requestKey, let requestCount, let responseKey, let responseCount):
            #"the request's "\#(requestKey)" has \#(requestCount) entries but the response's "\#(responseKey)" has \#(responseCount)"#
        }
    }

    /// Which body of an inference call a finding is about.
    public enum Side: String, Sendable, Hashable, CaseIterable {
        /// The request body.
        case request
        /// The response body.
        case response
    }
}

/// How a request was split: which request array, which response arrays, and how many entries.
@available(*, deprecated, renamed: "SplitOutcome.Plan")
public typealias SplitPlan = SplitOutcome.Plan

/// Which body of an inference call a finding is about.
@available(*, deprecated, renamed: "NoSplitReason.Side")
public typealias LogSide = NoSplitReason.Side
