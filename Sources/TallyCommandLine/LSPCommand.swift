import TallyProtocol

/// `tally lsp`: the language server on standard input and output.
enum LSPCommand {
    static func run(_ args: [String]) -> Int32 {
        LSPServerCommand.run(arguments: args) { TallyLanguageService.install(on: $0) }
    }
}
