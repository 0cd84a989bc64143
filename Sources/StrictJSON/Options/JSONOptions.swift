/// Limits and leniencies for reading JSON; the defaults follow RFC 8259 strictly.
///
/// The same options mean the same thing to ``JSONValidator``, ``StreamingJSONValidator``,
/// ``JSONParser``, ``JSONSpans`` and ``StrictJSONDecoder``, so a document that one accepts
/// the others accept too. The one exception is ``duplicateKeys``: the validators check
/// syntax only and never look at key names (that would need memory proportional to the
/// document), so `.reject` is enforced by the parser, the spans and the decoder.
///
/// ```swift
/// var options = JSONOptions()
/// options.maxDepth = 64
/// try JSONValidator.validate(bytes, options: options)
/// ```
public struct JSONOptions: Sendable, Hashable {
    /// The deepest nesting of arrays and objects accepted; `512` by default.
    ///
    /// The top-level value is at depth 0, so `[[1]]` needs a depth of 2. Negative values
    /// act as 0 (only scalars are accepted). Tree-building readers (the parser and the
    /// decoder) cap this at ``JSONParser/maximumTreeDepth``, because trees are compared,
    /// hashed, serialized and freed recursively.
    public var maxDepth: Int

    /// The largest document accepted, in bytes; `nil` means no limit.
    ///
    /// The default is 256 MiB (`268_435_456`): larger than any inference payload Deeploy
    /// accepts, small enough that a parsed tree fits in memory. The first `maxSize` bytes
    /// are checked as usual; the byte at offset `maxSize` yields ``JSONError/Kind/tooLarge``.
    /// Streaming callers that want no limit set it to `nil`.
    public var maxSize: Int?

    /// Whether a UTF-8 byte-order mark (`EF BB BF`) at offset 0 is skipped; `false` by default.
    ///
    /// RFC 8259 §8.1: implementations must not add a BOM and may ignore one. When `false`,
    /// a BOM gives ``JSONError/Kind/byteOrderMark``.
    public var allowByteOrderMark: Bool

    /// Whether `\uD800`–`\uDFFF` escapes may appear unpaired; `false` by default.
    ///
    /// RFC 8259 §8.2 leaves unpaired surrogates' behaviour unpredictable. When allowed, the
    /// parser decodes each unpaired surrogate as U+FFFD, because a Swift `String` cannot hold one.
    public var allowUnpairedSurrogates: Bool

    /// What to do when an object has the same key twice; `.keepLast` by default.
    ///
    /// RFC 8259 §4: names should be unique. `.keepLast` is what JavaScript, Python and
    /// Foundation do, so the default agrees with the validators, which accept duplicates.
    public var duplicateKeys: DuplicateKeyPolicy

    /// Creates options; every parameter defaults to the RFC 8259 reading.
    public init(
        maxDepth: Int = 512,
        maxSize: Int? = JSONOptions.defaultMaxSize,
        allowByteOrderMark: Bool = false,
        allowUnpairedSurrogates: Bool = false,
        duplicateKeys: DuplicateKeyPolicy = .keepLast
    ) {
        self.maxDepth = maxDepth
        self.maxSize = maxSize
        self.allowByteOrderMark = allowByteOrderMark
        self.allowUnpairedSurrogates = allowUnpairedSurrogates
        self.duplicateKeys = duplicateKeys
    }

    /// The default ``maxSize``: 256 MiB.
    public static let defaultMaxSize = 256 << 20

    /// The defaults: depth 512, 256 MiB, no BOM, no unpaired surrogates, duplicate keys keep the last.
    public static let `default` = JSONOptions()

    /// The defaults, except that duplicate keys are an error.
    public static let strict = JSONOptions(duplicateKeys: .reject)
}
