/// How the gateway treats a `multipart/form-data` body (an upload form).
///
/// Every **file part** (a part whose `Content-Disposition` has a `filename`) is judged by the
/// gateway's policy with its own `Content-Type` (the policy's default, `application/json`, when
/// the part has none) and bytes, as a whole request body would be. One part is forwarded as the
/// request body, with its effective Content-Type: the part named ``forwardedPart``, or the first
/// file part. Other parts are read and counted but not judged or kept.
///
/// Limits: ``maximumPartCount`` parts, ``maximumPartSize`` bytes each, and the policy's
/// `maximumSize` on the whole body as it arrives.
public struct MultipartRules: Sendable, Hashable {
    /// The most bytes one part may hold; nil for the policy's `maximumSize`. A larger part is
    /// refused as `multipart-part-too-large` (413) at the chunk that passes it.
    public var maximumPartSize: Int?
    /// The most parts a body may have; one more is refused as `multipart-too-many-parts` (413).
    public var maximumPartCount: Int
    /// The form field whose part is forwarded; nil for the first file part.
    public var forwardedPart: String?

    /// Creates rules: parts of at most `maximumPartSize` bytes (nil: the policy's maximum
    /// size), at most `maximumPartCount` parts (100 by default), forwarding the part named
    /// `forwardedPart` (nil: the first file part).
    public init(maximumPartSize: Int? = nil, maximumPartCount: Int = 100, forwardedPart: String? = nil) {
        self.maximumPartSize = maximumPartSize
        self.maximumPartCount = maximumPartCount
        self.forwardedPart = forwardedPart
    }
}
