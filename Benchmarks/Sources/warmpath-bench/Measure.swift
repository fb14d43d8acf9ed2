import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Process memory and wall-clock helpers, measured the way `peers.py` does.
enum Measure {
    /// Current resident set in MB (`/proc/self/statm`, like peers.py).
    static func rssMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
        let parts = s.split(separator: " ")
        guard parts.count > 1, let pages = Double(parts[1]) else { return .nan }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    }

    /// Peak resident set in MB (`ru_maxrss`, KiB on Linux, divided by 1024 like peers.py).
    static func peakMB() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024.0
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Process CPU seconds (user + system, all threads).
    static func cpu() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
            + Double(u.ru_stime.tv_usec) / 1e6
    }

    /// CPU seconds of the timed runs so far (the machine is shared: wall clock alone misleads).
    nonisolated(unsafe) static var cpuLog: [Double] = []

    /// Runs `body` once and returns wall seconds; the CPU seconds go to ``cpuLog``.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let c0 = cpu()
        let t0 = now()
        try body()
        let dt = now() - t0
        cpuLog.append(cpu() - c0)
        return dt
    }

    /// Median CPU seconds of the runs logged since the last call, as a note suffix.
    static func cpuNote() -> String {
        let xs = cpuLog.sorted()
        cpuLog.removeAll()
        guard !xs.isEmpty else { return "" }
        return String(format: "; cpu_median_s=%.4f", xs[xs.count / 2])
    }
}

/// CSV result lines in peers.py's layout.
struct Emitter {
    static let header = "peer,version,workload,size,median_s,best_s,runs,peak_rss_mb,rss_mb,note"
    let peer = "warmpath"
    let version: String
    let size: String
    let outFile: String?

    func emit(_ workload: String, _ times: [Double], _ rawNote: String) {
        let note = rawNote + (times.isEmpty ? "" : Measure.cpuNote())
        var fields = [peer, version, workload, size]
        if times.isEmpty {
            fields += ["", "", "0"]
        } else {
            let sorted = times.sorted()
            let mid = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
            fields += [String(format: "%.4f", median), String(format: "%.4f", sorted[0]), String(times.count)]
        }
        fields += [String(format: "%.0f", Measure.peakMB()), String(format: "%.0f", Measure.rssMB()), quote(note)]
        let line = fields.joined(separator: ",") + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        if let outFile {
            if !FileManager.default.fileExists(atPath: outFile) {
                _ = FileManager.default.createFile(atPath: outFile, contents: Data((Emitter.header + "\n").utf8))
            }
            if let h = FileHandle(forWritingAtPath: outFile) {
                h.seekToEndOfFile()
                h.write(Data(line.utf8))
                h.closeFile()
            }
        }
    }

    func quote(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
