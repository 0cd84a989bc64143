extension PayloadGate {
    /// One body's judgment, fed chunk by chunk: for servers that push a body to their code
    /// (callbacks, channel handlers) rather than hand over an asynchronous sequence.
    ///
    /// ```swift
    /// var session = gate.session(contentType: contentType, contentEncoding: contentEncoding, contentLength: length)
    /// if let rejection = session.rejection { return respond(rejection) }   // refused by the headers
    /// for chunk in chunks {                                              // as they arrive
    ///     if let rejection = try chunk.withUnsafeBytes({ try session.consume($0) }) { return respond(rejection) }
    /// }
    /// switch try session.finish() { ... }
    /// ```
    ///
    /// It refuses a body by the rules of ``PayloadGate/judge(contentType:contentEncoding:body:)``,
    /// which runs one: ``consume(_:)`` returns a rejection as soon as it is certain, and then
    /// the caller stops reading. The one difference is when a request declares its length:
    ///
    /// A body whose declared `Content-Length` is at most ``wholeBodyLength`` (and that has no
    /// Content-Encoding) is judged once, when it has all arrived, rather than watched chunk by
    /// chunk: a few kilobytes cost nothing to hold, and watching them before judging them ran
    /// the strict JSON validator twice, about 0.9 µs of the 1 KiB JSON request of a gateway's
    /// load test (perf). Only its maximum size is checked as it arrives. Its
    /// outcome is the one the watched body gets when it arrives as one chunk; a body that
    /// turns out longer than it declared is watched from then on.
    public struct Session {
        /// The gate the session judges by.
        public var gate: PayloadGate { state.gate }
        /// The refusal already made (by the headers, before any byte; or by a chunk), which every
        /// later call returns.
        public var rejection: Rejection? { state.rejection }
        /// Whether ``rejection`` is set, without copying it out.
        package var isRefused: Bool { state.isRefused }

        /// Everything the session holds, in one shared box, copied when a shared session is
        /// changed. A session is made, kept across the awaits of its body and handed on for
        /// each request a gateway judges: held inline it was 720 bytes, moved in and out of
        /// asynchronous frames and retained field by field. Boxed, the Hummingbird middleware's
        /// cost over a plain handler went from 3.64–3.77 to 3.47 µs a 1 KiB JSON request (an
        /// in-process loop of 200,000 requests).
        private var state: State

        private final class State {
            let gate: PayloadGate
            var rejection: Rejection?
            let declaredValue: String?
            let declared: MediaType?
            var coding: ContentCoding?
            /// The early-refusal rules, made when first needed: a small body held unwatched and
            /// accepted never needs them.
            /// Boxed: inline, its 336 bytes made every session's state about 700 bytes to
            /// allocate, set up and tear down, watched or not.
            var lazyWatch: WatchBox?
            var decoding: Decoding?
            /// The body held so far, decoded.
            var bytes: [UInt8] = []
            /// While the body held is at most this long, chunks are held without being watched.
            var unwatchedUpTo = 0
            /// For a body that declares a length of at most ``Session/wholeBodyLength``, the room
            /// to make before its first byte is held: its declared length, at most the limit. Made
            /// only then: a body judged whole where its caller holds it (`finish(whole:)`) never
            /// needs it. (Grown as it arrived, a body was copied again at every doubling.)
            var firstRoom = 0
            /// Whether the caller holds the body (see ``Session/isHeldByCaller``); the session
            /// then holds none of it, and counts it in `heldCount`.
            var heldByCaller = false
            var heldCount = 0

            init(gate: PayloadGate, declaredValue: String?, declared: MediaType?) {
                self.gate = gate
                self.declaredValue = declaredValue
                self.declared = declared
            }

            func copy() -> State {
                let copy = State(gate: gate, declaredValue: declaredValue, declared: declared)
                copy.rejection = rejection
                copy.coding = coding
                copy.lazyWatch = lazyWatch.map { WatchBox($0.watch) }
                copy.decoding = decoding?.copied()
                copy.bytes = bytes
                copy.unwatchedUpTo = unwatchedUpTo
                copy.firstRoom = firstRoom
                copy.heldByCaller = heldByCaller
                copy.heldCount = heldCount
                return copy
            }

            /// Whether the body is refused. Matched, not compared with nil: `rejection != nil`
            /// compares with `Rejection`'s `==`, and copied and destroyed the rejection's
            /// storage for it, each chunk (Swift 6.3.1).
            var isRefused: Bool {
                if case .some = rejection { true } else { false }
            }

            /// See ``Session/refuses(_:)``.
            func refuses(_ chunk: UnsafeRawBufferPointer) throws -> Bool {
                if isRefused { return true }
                rejection = try judge(chunk)
                return isRefused
            }

            /// Room before `count` more bytes are held: past 1 MiB, the rest of the maximum size
            /// in one step (`PayloadGate.room(pastOneMebibyte:)`).
            private func makeRoom(for count: Int) {
                let needed = bytes.count + count
                guard needed > bytes.capacity, let room = gate.room(pastOneMebibyte: needed) else { return }
                bytes.reserveCapacity(room)
            }

            /// What the watch finds in `chunk`, the last of `body`.
            private func watch(_ chunk: some Collection<UInt8>, body: some Collection<UInt8>) throws -> Verdict.Finding? {
                // Checked in place, in its box: its validator's buffers are not copied.
                let box = lazyWatch ?? WatchBox(PrefixWatch(sniffer: gate.settings.sniffer, policy: gate.settings.policy, declared: declared))
                lazyWatch = box
                return try box.watch.check(chunk, body: body)
            }

            private func judge(_ chunk: UnsafeRawBufferPointer) throws -> Rejection? {
                if var decoding {
                    defer { self.decoding = decoding }
                    let before = bytes.count
                    makeRoom(for: chunk.count)
                    if let reason = try decoding.decode(chunk, into: &bytes) {
                        return Rejection(reasons: [reason], bytesRead: decoding.encodedCount, bytesDecoded: bytes.count)
                    }
                    if let finding = try watch(bytes[before...], body: bytes) {
                        return Rejection(reasons: [Reason(finding)], bytesRead: decoding.encodedCount, bytesDecoded: bytes.count)
                    }
                    return nil
                }
                if let refusal = tooLarge(adding: chunk.count, to: bytes.count) { return refusal }
                if bytes.capacity == 0 { bytes.reserveCapacity(firstRoom) }
                makeRoom(for: chunk.count)
                bytes.append(contentsOf: chunk)
                return try watchHeld(chunk, body: bytes)
            }

            /// The refusal of a body of `held` bytes that `count` more would take past the maximum
            /// size, or nil; made before the bytes are held.
            private func tooLarge(adding count: Int, to held: Int) -> Rejection? {
                guard let limit = gate.settings.policy.maximumSize, count > limit - held else { return nil }
                return Rejection(reasons: [Reason(.tooLarge, AcceptancePolicy.stoppedReadingMessage(limit: limit))], bytesRead: held + count)
            }

            /// What refuses `body`, held (not decoded) now that `chunk` has arrived at its end.
            private func watchHeld(_ chunk: some Collection<UInt8>, body: some Collection<UInt8>) throws -> Rejection? {
                if body.count <= unwatchedUpTo { return nil }
                if unwatchedUpTo > 0 {
                    // Longer than it declared: watch what is held, then every chunk.
                    unwatchedUpTo = 0
                    return try watch(body, body: body).map { Rejection(reasons: [Reason($0)], bytesRead: body.count) }
                }
                return try watch(chunk, body: body).map { Rejection(reasons: [Reason($0)], bytesRead: body.count) }
            }

            /// See ``Session/admits(_:)``: the size check `judge(_:)` makes before it holds a chunk.
            func admits(_ count: Int) -> Bool {
                if isRefused { return false }
                if let refusal = tooLarge(adding: count, to: heldCount) {
                    rejection = refusal
                    return false
                }
                heldCount += count
                return true
            }

            /// See ``Session/refuses(held:newBytes:)``: what `judge(_:)` does once it has held a chunk.
            func refuses(held body: UnsafeRawBufferPointer, newBytes: Int) throws -> Bool {
                if isRefused { return true }
                rejection = try watchHeld(UnsafeRawBufferPointer(rebasing: body[(body.count - newBytes)...]), body: body)
                return isRefused
            }

            /// See ``Session/finish(held:)``.
            func finish(held body: UnsafeRawBufferPointer) throws -> WholeBodyOutcome {
                if let rejection { return .outcome(.rejected(rejection)) }
                let verdict = try gate.settings.sniffer.verdict(
                    body, declared: declaredValue, parsed: declared, policy: gate.settings.policy
                )
                if verdict.isAccepted, let effective = verdict.effectiveContentType {
                    return .accepted(contentType: effective, verdict: verdict)
                }
                return .outcome(try refuse(verdict, encodedCount: nil, body: body))
            }

            /// See ``Session/finish()``.
            func finish() throws -> Outcome {
                if let rejection { return .rejected(rejection) }
                var encodedCount: Int?
                if let decoding {
                    encodedCount = decoding.encodedCount
                    if let reason = decoding.finish() {
                        rejection = Rejection(reasons: [reason], bytesRead: decoding.encodedCount, bytesDecoded: bytes.count)
                        return .rejected(rejection!)
                    }
                }
                let verdict = try gate.settings.sniffer.verdict(bytes, declared: declaredValue, policy: gate.settings.policy)
                if verdict.isAccepted, let effective = verdict.effectiveContentType {
                    return .accepted(Acceptance(body: bytes, contentType: effective, verdict: verdict, decodedEncoding: coding))
                }
                return try refuse(verdict, encodedCount: encodedCount, body: bytes)
            }

            /// Whether a first chunk of `count` bytes would be held without being watched: the
            /// session holds nothing yet, decodes nothing, and the body declared a length of at
            /// least `count`, at most ``Session/wholeBodyLength``, and within the maximum size.
            func holdsUnwatched(_ count: Int) -> Bool {
                !isRefused && decoding == nil && bytes.isEmpty && heldCount == 0 && count <= unwatchedUpTo
                    && count <= gate.settings.policy.maximumSize ?? .max
            }

            /// See ``Session/finish(whole:)``.
            func finish(whole body: UnsafeRawBufferPointer) throws -> WholeBodyOutcome {
                guard holdsUnwatched(body.count) else {
                    _ = try refuses(body)
                    return .outcome(try finish())
                }
                let verdict = try gate.settings.sniffer.verdict(
                    body, declared: declaredValue, parsed: declared, policy: gate.settings.policy
                )
                if verdict.isAccepted, let effective = verdict.effectiveContentType {
                    return .accepted(contentType: effective, verdict: verdict)
                }
                // As consume(_:) and finish() would have: held unwatched, then refused.
                bytes.append(contentsOf: body)
                return .outcome(try refuse(verdict, encodedCount: nil, body: bytes))
            }

            /// The rejection of `body`, all of it (decoded), whose verdict, `verdict`, refuses it.
            private func refuse(_ verdict: Verdict, encodedCount: Int?, body: some Collection<UInt8>) throws -> Outcome {
                // A refused body that was held unwatched is refused for what the watch finds in it,
                // as when it arrives as one watched chunk; a body the watch passes (or an accepted
                // one, which it always passes) gets the verdict's reasons.
                if unwatchedUpTo > 0, !body.isEmpty, let finding = try watch(body, body: body) {
                    rejection = Rejection(reasons: [Reason(finding)], bytesRead: body.count)
                } else {
                    rejection = Rejection(
                        reasons: verdict.reasons.map(Reason.init), suggestedContentType: verdict.suggestedContentType,
                        bytesRead: encodedCount ?? body.count, bytesDecoded: encodedCount.map { _ in body.count }, verdict: verdict
                    )
                }
                return .rejected(rejection!)
            }
        }

        /// A session's watch, held by reference (see `State.lazyWatch`); a copied session gets
        /// a box of its own.
        final class WatchBox {
            var watch: PrefixWatch
            init(_ watch: PrefixWatch) { self.watch = watch }
        }

        /// The state, copied first when another session shares it.
        private var unique: State {
            mutating get {
                if !isKnownUniquelyReferenced(&state) { state = state.copy() }
                return state
            }
        }

        /// The declared `Content-Length` up to which a body is judged once, when it has
        /// arrived, rather than watched as it arrives: 64 KiB.
        public static let wholeBodyLength = 64 * 1024

        init(gate: PayloadGate, contentType: String?, contentEncoding: String?, contentLength: Int?, heldByCaller: Bool = false) {
            let state = State(gate: gate, declaredValue: contentType, declared: contentType.flatMap(AcceptancePolicy.parseDeclared))
            self.state = state
            switch PayloadGate.contentCoding(contentEncoding) {
            case .decode(let value):
                state.coding = value
            case .refuse(let reason):
                state.rejection = Rejection(reasons: [reason], bytesRead: 0)
                return
            }
            if let finding = gate.settings.policy.certainRejection(declared: contentType, parsed: state.declared) {
                state.rejection = Rejection(reasons: [Reason(finding)], bytesRead: 0)
                return
            }
            if let coding = state.coding {
                state.decoding = Decoding(coding: coding, gate: gate)
                return
            }
            state.heldByCaller = heldByCaller
            if let contentLength, contentLength >= 0 {
                let room = gate.room(forDeclaredLength: contentLength)
                if contentLength <= Self.wholeBodyLength {
                    state.unwatchedUpTo = contentLength
                    state.firstRoom = room
                } else if !heldByCaller {
                    // Made now for a larger body, as before `firstRoom`: made at its first chunk,
                    // 64 accepted 8 MiB uploads peaked about 130 MiB higher (579–590 against
                    // 448–467 MiB, scripts/gateway-load.sh memory), from how glibc then placed
                    // the large blocks.
                    state.bytes.reserveCapacity(room)
                }
            }
        }

        /// Takes the next chunk of the body, as it arrived (encoded, when it has a
        /// Content-Encoding).
        ///
        /// - Returns: the rejection, once it is certain; read no further then.
        /// - Throws: ``SniffError`` when libmagic fails, ``DecoderFailure`` when zlib runs out of
        ///   memory.
        public mutating func consume(_ chunk: UnsafeRawBufferPointer) throws -> Rejection? {
            try unique.refuses(chunk) ? state.rejection : nil
        }

        /// ``consume(_:)``, saying only whether the body is refused (``rejection`` then says
        /// why): a rejection is a large value, and a gateway's loop only needs to know when to
        /// stop.
        package mutating func refuses(_ chunk: UnsafeRawBufferPointer) throws -> Bool {
            try unique.refuses(chunk)
        }

        /// Ends the body: the verdict on it whole, and the outcome.
        ///
        /// - Throws: ``SniffError`` when libmagic fails.
        public mutating func finish() throws -> Outcome {
            try unique.finish()
        }

        /// Whether the caller holds the body, in one buffer it grows as chunks arrive, and has it
        /// judged where it lies: ``admits(_:)`` and ``refuses(held:newBytes:)`` for each chunk
        /// instead of ``consume(_:)``, and ``finish(held:)``. Asked for when the session is made
        /// (`PayloadGate/session(contentType:contentEncoding:contentLength:heldByCaller:)`), for a
        /// body without a Content-Encoding (the session holds a decoded body itself).
        ///
        /// A gateway forwards the bytes it holds. Held by the session, each chunk was copied into
        /// its array, and the accepted array again into the gateway's buffer: that second copy
        /// was 8% of the server's CPU for a 1 MiB PNG upload (perf).
        package var isHeldByCaller: Bool { state.heldByCaller }

        /// For a body the caller holds: whether `count` more bytes are within the maximum size.
        /// When they are not, the body is refused (too large), and the caller holds no more.
        package mutating func admits(_ count: Int) -> Bool {
            unique.admits(count)
        }

        /// For a body the caller holds: watches it once the caller has added the chunk just
        /// admitted, as ``consume(_:)`` watches a chunk; `body` is all of the body so far, and its
        /// last `newBytes` bytes are the chunk. True when the body is refused.
        package mutating func refuses(held body: UnsafeRawBufferPointer, newBytes: Int) throws -> Bool {
            try unique.refuses(held: body, newBytes: newBytes)
        }

        /// Ends a body the caller held, `body`: the outcome ``consume(_:)`` of each chunk and
        /// ``finish()`` give. Accepted, the caller forwards the bytes it holds.
        package mutating func finish(held body: UnsafeRawBufferPointer) throws -> WholeBodyOutcome {
            try unique.finish(held: body)
        }

        /// Whether a first chunk of `count` bytes would be held without being watched (see
        /// ``wholeBodyLength``): when the body ends with that chunk, ``finish(whole:)`` can
        /// judge it where its caller holds it.
        package func holdsUnwatched(_ count: Int) -> Bool {
            state.holdsUnwatched(count)
        }

        /// Ends a body that arrived whole as `body`, before any ``consume(_:)``: the outcome
        /// `consume(body)` and then ``finish()`` give. When the body is held unwatched
        /// (``holdsUnwatched(_:)``) and accepted, the session does not copy it: the caller
        /// forwards the bytes it holds (a gateway's one `ByteBuffer`). Copied into the session's
        /// array and handed back in a new ``Acceptance``, they cost the Hummingbird middleware
        /// about 0.18 µs of a 1 KiB JSON request (an in-process loop of 200,000 requests, 4.76
        /// against 4.58 µs).
        package mutating func finish(whole body: UnsafeRawBufferPointer) throws -> WholeBodyOutcome {
            try unique.finish(whole: body)
        }
    }

    /// How ``Session/finish(whole:)`` ended.
    package enum WholeBodyOutcome {
        /// The body, as the caller holds it, is accepted with this Content-Type and verdict;
        /// its ``Acceptance`` would have `body` as its bytes and no decoded encoding.
        case accepted(contentType: MediaType, verdict: Verdict)
        /// Any other outcome (a refusal, or the acceptance of a body the session decoded).
        case outcome(Outcome)
    }

    /// A session judging one body declared with the Content-Type value `contentType` (nil when
    /// the header is absent), the Content-Encoding value `contentEncoding` and the
    /// `Content-Length` `contentLength` (nil when absent); see ``Session``.
    public func session(contentType: String?, contentEncoding: String? = nil, contentLength: Int? = nil) -> Session {
        Session(gate: self, contentType: contentType, contentEncoding: contentEncoding, contentLength: contentLength)
    }

    /// A session whose body the caller holds when it has no Content-Encoding and
    /// `heldByCaller` is true (see `Session/isHeldByCaller`).
    package func session(contentType: String?, contentEncoding: String?, contentLength: Int?, heldByCaller: Bool) -> Session {
        Session(gate: self, contentType: contentType, contentEncoding: contentEncoding, contentLength: contentLength, heldByCaller: heldByCaller)
    }
}
