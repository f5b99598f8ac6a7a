import Foundation
import Dispatch

/// Runs the most recent work scheduled for a key once the key has been
/// quiet for a delay: scheduling again for the same key before the delay
/// has passed replaces the earlier work, which then never runs. For
/// re-checking a document a moment after the last keystroke.
public final class Debouncer<Key: Hashable & Sendable>: @unchecked Sendable {
    public let delay: Double
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var generations: [Key: UInt64] = [:]
    private var counter: UInt64 = 0

    /// `delay` in seconds; work runs on `queue`.
    public init(delay: Double, queue: DispatchQueue = DispatchQueue.global(qos: .userInitiated)) {
        self.delay = delay
        self.queue = queue
    }

    public func schedule(_ key: Key, after customDelay: Double? = nil, _ work: @escaping @Sendable () -> Void) {
        lock.lock()
        counter += 1
        let generation = counter
        generations[key] = generation
        lock.unlock()
        queue.asyncAfter(deadline: .now() + (customDelay ?? delay)) { [self] in
            lock.lock()
            let current = generations[key] == generation
            if current { generations[key] = nil }
            lock.unlock()
            if current { work() }
        }
    }

    /// Drops the pending work for `key`, if any.
    public func cancel(_ key: Key) {
        lock.lock()
        generations[key] = nil
        lock.unlock()
    }

    /// Whether work is waiting for `key`.
    public func isPending(_ key: Key) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generations[key] != nil
    }
}
