import Foundation

/// A server-initiated work-done progress (`window/workDoneProgress/create`
/// then `$/progress` begin, report, end), for clients that declared
/// `window.workDoneProgress`.
///
/// Nothing is sent with the token before the client has answered the create
/// request. Until then the latest state is kept and sent once the answer
/// arrives (begin, the last report, and end if the work already finished);
/// if the client refuses, the progress stays silent. Reports are thinned to
/// changes of the percentage. Thread-safe.
public final class WorkDoneProgress: @unchecked Sendable {
    private enum Phase { case waiting, ready, refused }

    private let client: ClientConnection
    private let token: JSONValue
    private let title: String
    private let lock = NSLock()
    private var phase = Phase.waiting
    private var begun = false
    private var ended: String?? = nil
    private var lastReport: (message: String, percentage: Int)? = nil
    private var sentPercentage = -1

    private init(client: ClientConnection, token: JSONValue, title: String) {
        self.client = client
        self.token = token
        self.title = title
    }

    /// Asks the client for a progress; nil when it does not support them.
    public static func create(client: ClientConnection, token: String, title: String) -> WorkDoneProgress? {
        let progress = WorkDoneProgress(client: client, token: .string(token), title: title)
        let sent = client.createWorkDoneProgress(token: .string(token)) { result in
            progress.answered(accepted: (try? result.get()) != nil)
        }
        return sent ? progress : nil
    }

    public func begin() {
        lock.lock()
        begun = true
        let send = phase == .ready
        lock.unlock()
        if send { sendBegin() }
    }

    public func report(_ message: String, percentage: Int) {
        let p = max(0, min(100, percentage))
        lock.lock()
        lastReport = (message, p)
        let send = phase == .ready && begun && ended == nil && p != sentPercentage
        if send { sentPercentage = p }
        lock.unlock()
        if send { sendReport(message, p) }
    }

    public func end(_ message: String? = nil) {
        lock.lock()
        let send = phase == .ready && begun && ended == nil
        ended = .some(message)
        lock.unlock()
        if send { sendEnd(message) }
    }

    private func answered(accepted: Bool) {
        lock.lock()
        guard phase == .waiting else { lock.unlock(); return }
        phase = accepted ? .ready : .refused
        let (begun, report, ended) = (self.begun, self.lastReport, self.ended)
        if let report { sentPercentage = report.percentage }
        lock.unlock()
        guard accepted, begun else { return }
        sendBegin()
        if let ended {
            sendEnd(ended)
        } else if let report {
            sendReport(report.message, report.percentage)
        }
    }

    private func sendBegin() {
        client.sendProgress(token: token, value: ["kind": "begin", "title": .string(title), "cancellable": false, "percentage": 0])
    }

    private func sendReport(_ message: String, _ percentage: Int) {
        client.sendProgress(token: token, value: ["kind": "report", "message": .string(message), "percentage": .int(Int64(percentage))])
    }

    private func sendEnd(_ message: String?) {
        var value: JSONObject = ["kind": "end"]
        if let message { value["message"] = .string(message) }
        client.sendProgress(token: token, value: .object(value))
    }
}
