import Foundation

/// Runs independent jobs on both cores and returns their results in job order.
///
/// Jobs are taken from a shared counter in the order given (put the largest first), so a long
/// job and several short ones overlap. The results never depend on scheduling.
///
/// ```
/// let files = Parallel.map([{ htmlPage() }, { peopleCSV() }, { pathsCSV() }])
/// ```
public enum Parallel {
    /// The number of worker threads (the machine's active cores, at most `limit`).
    public static func workers(limit: Int = 2) -> Int {
        max(1, min(limit, ProcessInfo.processInfo.activeProcessorCount))
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
    /// another one on a single thread, this keeps both cores busy when an outer parallel step
    /// has finished its other half.
    package static func run(_ count: Int, _ worker: @escaping @Sendable (Int) -> Void) {
        if count <= 1 {
            worker(0)
            return
        }
        let group = DispatchGroup()
        for w in 1..<count { DispatchQueue.global().async(group: group) { worker(w) } }
        worker(0)
        group.wait()
    }

    /// Part `part` of `0..<count` cut into `parts` consecutive ranges of near-equal size.
    package static func slice(_ count: Int, _ part: Int, of parts: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// Runs two different jobs at once (on one thread when only one core is active).
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
            DispatchQueue.global().async {
                self.result = work()
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
