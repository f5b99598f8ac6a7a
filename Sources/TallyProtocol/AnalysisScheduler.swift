import Foundation
import Dispatch

/// Runs the analysis on one background queue, "latest wins": events
/// submitted while an analysis runs wait in an inbox, and exactly one more
/// run follows to apply them all, however many arrived. No fixed delay, so
/// the diagnostics of a keystroke follow as soon as the analysis is done.
final class AnalysisScheduler: @unchecked Sendable {
    let queue = DispatchQueue(label: "tally.lsp.analysis", qos: .userInitiated)
    private let lock = NSLock()
    private var inbox: [WorkspaceEvent] = []
    private var runQueued = false
    private var runner: (@Sendable ([WorkspaceEvent]) -> Void)? = nil

    /// Sets the work done for each batch of events (on the queue).
    func setRunner(_ runner: @escaping @Sendable ([WorkspaceEvent]) -> Void) {
        lock.lock()
        self.runner = runner
        lock.unlock()
    }

    /// Adds events and makes sure a run will pick them up.
    func submit(_ events: WorkspaceEvent...) {
        lock.lock()
        inbox.append(contentsOf: events)
        let start = !runQueued
        runQueued = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    /// Whether events are waiting for the next run (long runs may check it).
    var hasPendingEvents: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !inbox.isEmpty
    }

    /// Runs `work` on the queue once every event submitted so far has been
    /// analysed (pull diagnostics, features that need fresh results).
    func afterPendingWork(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }

    private func drain() {
        lock.lock()
        let events = inbox
        inbox = []
        runQueued = false
        let runner = self.runner
        lock.unlock()
        runner?(events)
    }
}
