import Foundation

/// How figures are written in the table.
enum BenchFormat {
    static func ms(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "n/a" }
        let ms = seconds * 1000
        if ms < 1 { return String(format: "%.2f ms", ms) }
        if ms < 100 { return String(format: "%.1f ms", ms) }
        return String(format: "%.0f ms", ms)
    }

    static func throughput(bytes: Int, seconds: Double) -> String {
        guard seconds > 0 else { return "n/a" }
        return String(format: "%.0f MB/s", Double(bytes) / 1e6 / seconds)
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1e6) }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.0f MB", Double(bytes) / 1e6) : String(format: "%.0f KB", Double(bytes) / 1e3)
    }
}
