import CLibCrypto
import DeeployPayload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 fed chunk by chunk, by libcrypto's EVP interface: the digest of a body that is never
/// held whole. It equals the library's one-shot digest (`BinaryBody.sha256`) of the same bytes.
final class StreamingSHA256 {
    private let context: OpaquePointer

    /// Why a digest could not be made: libcrypto failed (a broken OpenSSL configuration).
    struct Failure: Error, CustomStringConvertible {
        var description: String { "libcrypto could not compute SHA-256." }
    }

    init() throws(Failure) {
        guard let context = EVP_MD_CTX_new() else { throw Failure() }
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw Failure()
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: [UInt8]) throws(Failure) {
        let status = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        guard status == 1 else { throw Failure() }
    }

    /// The digest as 64 lowercase hex digits.
    func finish() throws(Failure) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard status == 1, length == 32 else { throw Failure() }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

extension DecodeReport {
    /// The report for a binary body that was streamed: its media type, size and digest.
    init(streamedBinary mediaType: MediaType, size: Int, sha256: String) {
        self.mediaType = mediaType
        self.size = size
        self.body = .binary(sha256: sha256)
    }
}
