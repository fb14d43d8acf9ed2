import Foundation

/// Runs independent jobs on the machine's cores and returns their results in job order.
///
/// Jobs are taken from a shared counter in the order given (put the largest first), so a long
/// job and several short ones overlap. The results never depend on scheduling or on the number
/// of workers: callers cut their work into pieces whose results are merged in a fixed order, and
/// where a merge is not exact (a floating-point sum) the pieces do not depend on the worker count.
///
/// The worker count is the machine's active core count, or `WARMPATH_THREADS` when that is a
/// whole number from 1 to ``maximumWorkers`` (``configurationWarning`` explains a bad value).
/// Tests run a step with a given count through ``withWorkers(_:_:)``.
///
/// ```
/// let files = Parallel.map([{ htmlPage() }, { peopleCSV() }, { pathsCSV() }])
/// ```
public enum Parallel {
    /// The environment variable that overrides the worker count.
    public static let environmentVariable = "WARMPATH_THREADS"
    /// The largest worker count `WARMPATH_THREADS` may ask for.
    public static let maximumWorkers = 256

    /// The worker count from the environment: `WARMPATH_THREADS` when it is a whole number from
    /// 1 to ``maximumWorkers``, else `cores`, with a warning in plain words for a bad value
    /// (unset or empty gives no warning).
    package static func configuration(environment: [String: String], cores: Int) -> (workers: Int, warning: String?) {
        let cores = max(1, cores)
        guard let raw = environment[environmentVariable], !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            return (cores, nil)
        }
        if let n = Int(raw.trimmingCharacters(in: .whitespaces)), (1...maximumWorkers).contains(n) { return (n, nil) }
        return (
            cores,
            "\(environmentVariable)='\(raw)' is not a whole number from 1 to \(maximumWorkers); "
                + "using \(cores) thread\(cores == 1 ? "" : "s") (the number of cores)"
        )
    }

    /// Read once, at the first parallel step.
    private static let configured = configuration(
        environment: ProcessInfo.processInfo.environment, cores: ProcessInfo.processInfo.activeProcessorCount)

    /// Why `WARMPATH_THREADS` was ignored, or nil when it is unset or valid (the CLI prints it).
    public static var configurationWarning: String? { configured.warning }

    /// The worker count set by ``withWorkers(_:_:)`` for the current task or thread; passed on
    /// to the workers of ``run(_:_:)`` and ``Future``, so nested steps see it too.
    @TaskLocal private static var override: Int?

    /// Runs `body` with `count` workers (at least 1) for every parallel step inside it, on any
    /// thread, instead of the configured count. For tests: the same input must give the same
    /// output with any count.
    package static func withWorkers<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        try $override.withValue(max(1, count)) { try body() }
    }

    /// The number of worker threads: ``withWorkers(_:_:)``'s count, else `WARMPATH_THREADS`,
    /// else the machine's active cores; at most `limit`.
    public static func workers(limit: Int = .max) -> Int {
        max(1, min(limit, override ?? configured.workers))
    }

    /// Two result slots, each written by exactly one worker and read after both finished.
    private final class Pair<A, B>: @unchecked Sendable {
        var a: A?
        var b: B?
    }

    private final class Cursor: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            let i = next
            next += 1
            return i
        }
    }

    /// Runs `count` workers: `count - 1` on the global queue and one on the calling thread, and
    /// waits for all. Unlike `DispatchQueue.concurrentPerform`, which runs a call nested inside
    /// another one on a single thread, this keeps every core busy when an outer parallel step
    /// has finished its other parts. `count` is the caller's choice (usually ``workers(limit:)``
    /// or fewer); the workers see the caller's ``withWorkers(_:_:)`` count.
    package static func run(_ count: Int, _ worker: @escaping @Sendable (Int) -> Void) {
        if count <= 1 {
            worker(0)
            return
        }
        let inherited = override
        let group = DispatchGroup()
        for w in 1..<count {
            DispatchQueue.global().async(group: group) { $override.withValue(inherited) { worker(w) } }
        }
        worker(0)
        group.wait()
    }

    /// Part `part` of `0..<count` cut into `parts` consecutive ranges of near-equal size. The
    /// parts cover `0..<count` in order, so results made per part and joined in part order are
    /// the same for every `parts`.
    package static func slice(_ count: Int, _ part: Int, of parts: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// Runs two different jobs at once (one after the other when there is one worker).
    public static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let box = Pair<A, B>()
        if workers() < 2 {
            box.a = a()
            box.b = b()
        } else {
            withoutActuallyEscaping(a) { a in
                withoutActuallyEscaping(b) { b in
                    run(2) { i in
                        if i == 0 { box.a = a() } else { box.b = b() }
                    }
                }
            }
        }
        return (box.a!, box.b!)
    }

    /// A value computed on a background thread while the caller goes on; reading ``value``
    /// waits for it. A future nobody reads finishes in the background and is dropped.
    public final class Future<T: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: T?  // written once by the worker, read after `done`

        public init(_ work: @escaping @Sendable () -> T) {
            let inherited = Parallel.override
            DispatchQueue.global().async {
                self.result = Parallel.$override.withValue(inherited) { work() }
                self.done.signal()
            }
        }

        public var value: T {
            done.wait()
            defer { done.signal() }
            return result!
        }
    }

    /// Lets a background thread free `value`. Dropping a large graph one string and array at a
    /// time takes a good part of a second that the caller need not wait for; at the end of a
    /// command the process may exit before the thread is done, which is fine.
    public static func release<T: Sendable>(_ value: consuming T) {
        let held = value
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(held) {} }
    }

    /// Runs `jobs` on up to `threads` workers and returns their results in job order.
    ///
    /// - Complexity: the jobs' own cost, spread over ``workers(limit:)`` threads.
    public static func map<T: Sendable>(_ jobs: [@Sendable () -> T], threads: Int = workers()) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: jobs.count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let out = slots  // each slot is written by exactly one worker
        let cursor = Cursor()
        let n = max(1, min(threads, jobs.count))
        run(n) { _ in
            while true {
                let i = cursor.take()
                if i >= jobs.count { break }
                out[i] = jobs[i]()
            }
        }
        return slots.map { $0! }
    }
}
