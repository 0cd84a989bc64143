/// A list of media ranges that a receiver accepts, such as the request types Deeploy accepts.
public struct AcceptedMediaTypes: Sendable, Hashable {
    /// The ranges, in the order given.
    public var ranges: [MediaRange] {
        switch storage {
        case .deeploy: Self.deeployRanges
        case .custom(let ranges): ranges
        }
    }

    /// Deeploy's own set is a tag rather than an array: a policy may be copied into every
    /// verdict call (a file's verdict takes it as a default argument), and copying an array
    /// would retain and release one shared object from every thread that judges payloads.
    private enum Storage: Sendable, Hashable {
        case deeploy
        case custom([MediaRange])
    }

    private let storage: Storage
    /// The known essences (``KnownEssence``) that some range matches, one bit each, decided once
    /// here so that judging a common type is one bit test.
    let acceptedKnownEssences: UInt64

    /// Accepts the media types in any of `ranges`.
    public init(_ ranges: [MediaRange]) {
        // Canonical: Deeploy's list, however it was made, is always the tag, so that equal
        // sets have equal storage.
        self.init(storage: ranges == Self.deeployRanges ? .deeploy : .custom(ranges), ranges: ranges)
    }

    /// `ranges` are the ones `storage` stands for.
    private init(storage: Storage, ranges: [MediaRange]) {
        self.storage = storage
        self.acceptedKnownEssences = Self.knownEssences(acceptedBy: ranges)
    }

    /// Bit ``KnownEssence/bit`` set for each known essence that one of `ranges` matches.
    static func knownEssences(acceptedBy ranges: [MediaRange]) -> UInt64 {
        var mask: UInt64 = 0
        for known in KnownEssence.allCases where ranges.contains(where: { $0.matches(MediaType(known: known)) }) {
            mask |= known.bit
        }
        return mask
    }

    /// The request content types Deeploy accepts: `application/json`, `application/pdf`,
    /// `application/octet-stream`, `image/*`, `text/*` and `binary/octet-stream`.
    ///
    /// `image/*` admits `image/svg+xml` and `text/*` admits `text/html` and `text/xml`: types a
    /// browser runs script from (see ``MediaType/isScriptable``).
    public static let deeploy = AcceptedMediaTypes(storage: .deeploy, ranges: deeployRanges)

    /// Deeploy's list, in the order its documentation gives (and ``description`` shows).
    private static let deeployRanges: [MediaRange] = [
        KnownEssence.applicationJSON, .applicationPDF, .applicationOctetStream, .imageAny, .textAny, .binaryOctetStream,
    ].map { MediaRange(MediaType(known: $0))! }

    /// Whether any range matches `mediaType`'s essence. A common essence is one bit test, inline.
    @inline(__always)
    public func accepts(_ mediaType: MediaType) -> Bool {
        if let known = mediaType.knownEssence {
            return acceptedKnownEssences & known.bit != 0
        }
        return rangesAccept(mediaType)
    }

    private func rangesAccept(_ mediaType: MediaType) -> Bool {
        ranges.contains { $0.matches(mediaType) }
    }

    /// The most specific range that matches `mediaType` (an exact type before `type/*` before
    /// `*/*`; the first given among equally specific ones), or `nil` when none does.
    public func range(matching mediaType: MediaType) -> MediaRange? {
        var best: MediaRange?
        for range in ranges where range.matches(mediaType) {
            if best.map({ range.specificity > $0.specificity }) ?? true {
                best = range
            }
        }
        return best
    }
}

extension AcceptedMediaTypes: CustomStringConvertible {
    /// The ranges separated by `, `, as in an `Accept` header.
    public var description: String { ranges.map(\.description).joined(separator: ", ") }
}
