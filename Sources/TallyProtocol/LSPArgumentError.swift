/// A problem with the arguments of `tally lsp` (or a request for help).
public struct LSPArgumentError: Error, Sendable, Hashable {
    public let message: String
    public let isHelp: Bool
    public init(_ message: String, isHelp: Bool = false) {
        self.message = message
        self.isHelp = isHelp
    }
}
