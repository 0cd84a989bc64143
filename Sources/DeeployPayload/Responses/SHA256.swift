import CLibCrypto

/// SHA-256 as FIPS 180-4 defines it, for content digests.
///
/// OpenSSL's libcrypto computes it, with the processor's SHA instructions where it has them:
/// 4 MiB in 3.9 ms (LogBenchmarks), against about 55 ms for the portable Swift rounds below. The
/// package needs this one digest, not a cryptography library: swift-crypto builds BoringSSL
/// from source, four minutes per build on two cores. libcrypto is a system library, like
/// libmagic, and on nearly every Linux server already.
///
/// The Swift rounds are the fallback for a libcrypto that cannot give SHA-256 (a broken
/// OpenSSL configuration), so a digest never fails. The digest names content; it guards no
/// secret, so they need not run in constant time. The tests check both against FIPS 180-4's
/// examples and `sha256sum`.
enum SHA256 {
    /// The digest of `bytes`: 32 bytes.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        libcryptoHash(bytes) ?? portableHash(bytes)
    }

    /// The digest of `bytes` as 64 lowercase hex digits, the form object stores and logs record.
    static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(hash(bytes))
    }

    /// A digest's bytes as lowercase hex.
    static func hex(_ digest: [UInt8]) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * digest.count)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The digest by libcrypto; nil when libcrypto fails.
    static func libcryptoHash(_ bytes: [UInt8]) -> [UInt8]? {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            // No bytes may come with no address; libcrypto reads none then.
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        return status == 1 && length == 32 ? digest : nil
    }

    /// The digest by the portable rounds.
    static func portableHash(_ bytes: [UInt8]) -> [UInt8] {
        var state = initialState
        bytes.withUnsafeBytes { buffer in
            let wholeBlocks = buffer.count / 64
            if wholeBlocks > 0 {
                compress(&state, blocks: UnsafeRawBufferPointer(rebasing: buffer[..<(wholeBlocks * 64)]))
            }
            // The padding: the tail, a 1 bit, zeros, and the message length in bits, big-endian,
            // filling one block or two.
            var tail = Array(buffer[(wholeBlocks * 64)...])
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            let bitCount = UInt64(buffer.count) &* 8
            for shift in stride(from: 56, through: 0, by: -8) {
                tail.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift)))
            }
            tail.withUnsafeBytes { compress(&state, blocks: $0) }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            for shift in stride(from: 24, through: 0, by: -8) {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return digest
    }

    /// Runs the compression function over `blocks`, whose length is a multiple of 64, as
    /// FIPS 180-4 §6.2.2 writes it.
    private static func compress(_ state: inout [UInt32], blocks: UnsafeRawBufferPointer) {
        var schedule = [UInt32](repeating: 0, count: 64)
        for blockStart in stride(from: 0, to: blocks.count, by: 64) {
            for index in 0..<16 {
                schedule[index] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: blockStart + 4 * index, as: UInt32.self))
            }
            for index in 16..<64 {
                let w15 = schedule[index - 15]
                let w2 = schedule[index - 2]
                let sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 &>> 3)
                let sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 &>> 10)
                schedule[index] = schedule[index - 16] &+ sigma0 &+ schedule[index - 7] &+ sigma1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for index in 0..<64 {
                let sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                let choice = (e & f) ^ (~e & g)
                let temp1 = h &+ sum1 &+ choice &+ roundConstants[index] &+ schedule[index]
                let sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = sum0 &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
            state[5] &+= f
            state[6] &+= g
            state[7] &+= h
        }
    }

    private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value &>> count) | (value &<< (32 &- count))
    }

    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
