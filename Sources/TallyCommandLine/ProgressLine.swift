import Foundation

/// A `checked 120/1000 files` line on standard error, rewritten in place
/// (`\r`) at most ten times a second and erased when the work is done.
/// Shown only when standard error is a terminal and the run is long
/// enough (more than `threshold` files) to need it.
public final class ProgressLine: @unchecked Sendable {
    public static let threshold = 200

    private let total: Int
    private let label: String
    private let lock = NSLock()
    private var done = 0
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// A progress line for `total` items, or nil when none should be shown.
    public static func ifWanted(total: Int, label: String = "checked",
                                terminal: Bool = isatty(2) == 1) -> ProgressLine? {
        guard terminal, total > threshold else { return nil }
        return ProgressLine(total: total, label: label)
    }

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// One more item done (any thread).
    public func step() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= 100_000_000 || done == total else { return }
        lastDraw = now
        drawn = true
        Console.err("\r\(label) \(done)/\(total) files")
    }

    /// Erases the line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { Console.err("\r\u{1B}[K") }
        drawn = false
    }
}
