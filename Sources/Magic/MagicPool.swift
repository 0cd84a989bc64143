import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded pool of ``MagicCookie``s that any number of threads and tasks may
/// use at once.
///
/// A libmagic cookie is not thread-safe (sharing one across two threads
/// crashes), so every call here borrows a cookie for itself alone. The pool
/// opens cookies lazily, up to ``size``; when all are busy, callers wait their
/// turn in arrival order. They never share a cookie.
///
/// The configuration is fixed at creation. By default the first cookie is opened at
/// once, so a bad database is reported by `init`, not by the first sniff. A pool made with
/// ``Opening/onFirstUse`` opens nothing until a call needs a cookie: a program that may
/// never ask libmagic anything does not pay for loading its database.
///
/// ```swift
/// let pool = try MagicPool(size: 4)
/// let type = try pool.mimeType(of: bytes)   // from any thread or task
/// ```
public final class MagicPool: Sendable {
    /// The most cookies this pool opens.
    public let size: Int
    /// The configuration every cookie is created with.
    public let configuration: MagicConfiguration

    private let state: Locked<State>
    /// Whether the first cookie is open: once it is, the pool always holds at least one cookie.
    /// Read without a lock on every call, so that a pool opened on first use costs one atomic
    /// load once it is open.
    private let hasFirstCookie: Atomic<Bool>
    /// Held while the first cookie of a pool made with ``Opening/onFirstUse`` is being opened:
    /// callers that arrive meanwhile wait for it rather than each loading the database.
    private let openingFirstCookie = Locked(())

    /// When a pool opens its first cookie.
    public enum Opening: Sendable, Hashable {
        /// In `init`, which reports a bad database at once.
        case atCreation
        /// On the first call that needs a cookie. Creating the pool then costs nothing and
        /// cannot fail; each call that needs a cookie reports a bad database until one opens.
        case onFirstUse
    }

    /// Creates a pool and, unless `opening` is ``Opening/onFirstUse``, opens its first cookie.
    ///
    /// - Parameters:
    ///   - size: the most cookies to open; at least 1. Defaults to the number of active processors.
    ///   - configuration: flags, database and limits for every cookie.
    ///   - opening: when to open the first cookie: now (the default), or on first use.
    /// - Throws: the ``MagicError`` from opening the first cookie; never with ``Opening/onFirstUse``.
    public init(
        size: Int = MagicPool.defaultSize,
        configuration: MagicConfiguration = MagicConfiguration(),
        opening: Opening = .atCreation
    ) throws(MagicError) {
        self.size = max(1, size)
        self.configuration = configuration
        switch opening {
        case .atCreation:
            let first = CookieBox(try configuration.makeCookie())
            self.state = Locked(State(idle: [first], opened: 1))
            self.hasFirstCookie = Atomic(true)
        case .onFirstUse:
            self.state = Locked(State(idle: [], opened: 0))
            self.hasFirstCookie = Atomic(false)
        }
    }

    /// The default pool size: one cookie per active processor (`sysconf(_SC_NPROCESSORS_ONLN)`,
    /// as Foundation's `ProcessInfo.activeProcessorCount` counts them on Linux).
    public static var defaultSize: Int {
        #if canImport(Glibc) || canImport(Musl)
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        #else
        let online = sysconf(_SC_NPROCESSORS_ONLN)
        #endif
        return max(1, online)
    }

    /// The number of cookies opened so far: 0 for a pool opened on first use that no call
    /// has needed yet, which means libmagic's database has not been loaded.
    public var openedCount: Int { state.withLock { $0.opened } }

    /// Opens the first cookie now if it is not open, so that a pool made with
    /// ``Opening/onFirstUse`` reports a bad database when the program chooses, such as at
    /// start-up, rather than on the first call that needs a cookie.
    /// - Throws: the ``MagicError`` from opening the first cookie.
    public func openFirstCookie() throws(MagicError) {
        guard !hasFirstCookie.load(ordering: .acquiring) else { return }
        try openingFirstCookie.withLock { (_: inout Void) throws(MagicError) in
            guard !hasFirstCookie.load(ordering: .acquiring) else { return }
            let first = CookieBox(try configuration.makeCookie())
            state.withLock { state in
                state.opened += 1
                state.idle.append(first)
            }
            hasFirstCookie.store(true, ordering: .releasing)
        }
    }

    // MARK: Borrowing a cookie

    /// Runs `body` with a cookie that no other caller can touch until it returns.
    ///
    /// Blocks the calling thread while every cookie is busy. From async code
    /// prefer ``withCookie(isolation:_:)``, which suspends instead.
    @inlinable
    public func withCookie<R, E: Error>(_ body: (inout MagicCookie) throws(E) -> R) throws -> R {
        let box = try acquireBlocking()
        defer { release(box) }
        return try body(&box.cookie)
    }

    /// Runs `body` with a cookie of its own, suspending while every cookie is busy.
    public func withCookie<R, E: Error>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (inout MagicCookie) throws(E) -> R
    ) async throws -> R {
        let box = try await acquire()
        defer { release(box) }
        return try body(&box.cookie)
    }

    // MARK: Convenience

    /// The MIME type of `bytes`, such as `image/png`.
    @inlinable
    public func mimeType(of bytes: some Collection<UInt8>) throws -> String {
        try withCookie { (cookie) throws(MagicError) in try cookie.mimeType(of: bytes) }
    }

    /// What libmagic says about `bytes`.
    @inlinable
    public func sniff(_ bytes: some Collection<UInt8>, detail: MagicReport.Detail = []) throws -> MagicReport {
        try withCookie { (cookie) throws(MagicError) in try cookie.sniff(bytes, detail: detail) }
    }

    /// What libmagic says about the bytes in `buffer`.
    public func sniff(_ buffer: UnsafeRawBufferPointer, detail: MagicReport.Detail = []) throws -> MagicReport {
        try withCookie { (cookie) throws(MagicError) in try cookie.sniff(buffer, detail: detail) }
    }

    /// What libmagic says about the file at `path`.
    public func sniff(path: String, detail: MagicReport.Detail = []) throws -> MagicReport {
        try withCookie { (cookie) throws(MagicError) in try cookie.sniff(path: path, detail: detail) }
    }

    /// What libmagic says about an open file descriptor.
    public func sniff(fileDescriptor: Int32, detail: MagicReport.Detail = []) throws -> MagicReport {
        try withCookie { (cookie) throws(MagicError) in try cookie.sniff(fileDescriptor: fileDescriptor, detail: detail) }
    }

    // MARK: The pool's bookkeeping

    private struct State: ~Copyable {
        var idle: [CookieBox]
        var opened: Int
        var waiters: [Waiter] = []
        var nextWaiter = 0
    }

    /// A caller waiting for a cookie: a blocked thread or a suspended task.
    private enum Waiter {
        case thread(Handoff)
        case task(CheckedContinuation<CookieBox, Never>)
    }

    /// What to do after deciding under the lock.
    private enum Decision {
        case take(CookieBox)
        case open
        case wait
    }

    private func decide(_ state: inout State, waiter: @autoclosure () -> Waiter) -> Decision {
        if let box = state.idle.popLast() { return .take(box) }
        if state.opened < size {
            state.opened += 1
            return .open
        }
        state.waiters.append(waiter())
        return .wait
    }

    private func open() throws -> CookieBox {
        do {
            return CookieBox(try configuration.makeCookie())
        } catch {
            state.withLock { $0.opened -= 1 }
            throw error
        }
    }

    @usableFromInline
    func acquireBlocking() throws -> CookieBox {
        // Until the first cookie is open the pool may hold none, and a caller that waited for
        // one would wait for ever if opening failed: callers open the first one in turn.
        try openFirstCookie()
        // Fast path: no allocation unless this caller has to wait.
        switch state.withLock({ takeOrReserve(&$0) }) {
        case .take(let box): return box
        case .open: return try open()
        case .wait, nil: break
        }
        let handoff = Handoff()
        switch state.withLock({ decide(&$0, waiter: .thread(handoff)) }) {
        case .take(let box): return box
        case .open: return try open()
        case .wait: return handoff.wait()
        }
    }

    /// Takes an idle cookie or reserves a slot to open one; nil when the caller must wait.
    private func takeOrReserve(_ state: inout State) -> Decision? {
        if let box = state.idle.popLast() { return .take(box) }
        if state.opened < size {
            state.opened += 1
            return .open
        }
        return nil
    }

    private func acquire() async throws -> CookieBox {
        // As in acquireBlocking. A task that arrives while another caller opens the first
        // cookie blocks its thread rather than suspending: once per pool, for as long as
        // libmagic loads its database (a few milliseconds).
        try openFirstCookie()
        // Fast path without allocating a continuation.
        let quick = state.withLock { takeOrReserve(&$0) }
        switch quick {
        case .take(let box): return box
        case .open: return try open()
        case .wait, nil: break
        }
        return await withCheckedContinuation { continuation in
            let decision = state.withLock { decide(&$0, waiter: .task(continuation)) }
            switch decision {
            case .take(let box): continuation.resume(returning: box)
            case .open:
                // A cookie was released meanwhile but the pool is below its size:
                // the slot was reserved, so open one for this caller.
                do { continuation.resume(returning: try open()) } catch {
                    // Opening failed after the first cookie succeeded (out of memory or
                    // descriptors). Wait for a cookie that already exists instead.
                    let box: CookieBox? = state.withLock { state in
                        if let box = state.idle.popLast() { return box }
                        state.waiters.append(.task(continuation))
                        return nil
                    }
                    if let box { continuation.resume(returning: box) }
                }
            case .wait: break
            }
        }
    }

    @usableFromInline
    func release(_ box: CookieBox) {
        let waiter: Waiter? = state.withLock { state in
            if state.waiters.isEmpty {
                state.idle.append(box)
                return nil
            }
            return state.waiters.removeFirst()
        }
        switch waiter {
        case nil: break
        case .thread(let handoff): handoff.deliver(box)
        case .task(let continuation): continuation.resume(returning: box)
        }
    }
}

/// A cookie held by reference so the pool can store and hand it over.
///
/// Only the one caller that took it from the pool touches `cookie` until it is
/// released; the lock's release/acquire orders those accesses.
@usableFromInline
final class CookieBox: @unchecked Sendable {
    @usableFromInline var cookie: MagicCookie
    init(_ cookie: consuming MagicCookie) { self.cookie = cookie }
}

/// Hands one cookie to one blocked thread.
private final class Handoff: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var box: CookieBox?  // written once before signal, read once after wait

    func deliver(_ box: CookieBox) {
        self.box = box
        semaphore.signal()
    }

    func wait() -> CookieBox {
        semaphore.wait()
        guard let box else { preconditionFailure("a handoff is signalled only after a cookie is delivered") }
        return box
    }
}

/// A value guarded by a pthread mutex.
///
/// Not `Synchronization.Mutex`: on Linux ThreadSanitizer reports races inside a contended
/// `Mutex` (its futex is not annotated for TSan), while it knows pthread mutexes. Not
/// Foundation's `NSLock` (a pthread mutex too): importing Foundation links and starts
/// libFoundation and ICU in every program that uses this module.
final class Locked<Value: ~Copyable>: @unchecked Sendable {
    /// Allocated, not stored inline: a pthread mutex must not move, and Swift does not promise
    /// a stored property a fixed address to hand to C.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: consuming Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
