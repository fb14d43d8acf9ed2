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
        DispatchQueue.concurrentPerform(iterations: n) { _ in
            while true {
                let i = cursor.take()
                if i >= jobs.count { break }
                out[i] = jobs[i]()
            }
        }
        return slots.map { $0! }
    }
}
