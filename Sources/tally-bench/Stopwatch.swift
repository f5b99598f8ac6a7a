import Foundation

/// Monotonic time and simple statistics for the benchmarks.
enum Stopwatch {
    /// Nanoseconds on a monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return Double(now() - start) / 1e9
    }

    /// The `p`-th percentile (0…100) of `values`, nearest rank.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// This process's own high-water RSS in bytes (Linux: `VmHWM` of
    /// /proc/self/status, which unlike `ru_maxrss` does not carry the
    /// parent's peak across `exec`), or `peakRSS()` elsewhere.
    static func ownHighWaterRSS() -> Int {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kb * 1024
        }
        #endif
        return peakRSS()
    }

    /// This process's resident set size now, in bytes (Linux `VmRSS`; 0 elsewhere).
    static func residentRSS() -> Int {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kb * 1024
        }
        #endif
        return 0
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 50) }

    /// Peak resident set size, in bytes, of this process (`RUSAGE_SELF`) or
    /// of its waited-for children (`RUSAGE_CHILDREN`, the largest of them).
    static func peakRSS(children: Bool = false) -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)          // bytes on Darwin
        #else
        getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024   // kilobytes on Linux
        #endif
    }
}
