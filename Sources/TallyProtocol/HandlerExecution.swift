/// Where a request handler runs.
public enum HandlerExecution: Sendable, Hashable {
    /// On the server's serial queue, in message order (the default): sees
    /// every earlier document change, blocks later messages while it runs.
    case serial
    /// On a concurrent queue with a snapshot of the documents taken at
    /// dispatch; for slow work that must not hold up other requests.
    case concurrent
}
