import TallyAnalysis
import TallyProtocol

/// `tally strip FILE`: the article text, markup removed, byte for byte.
enum StripCommand {
    static let usage = "usage: tally strip FILE\n\nPrints the article without front matter, comments, incident lines and tag attributes.\n"

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        guard args.count == 1, let path = args.first else { throw UsageError("strip takes exactly one file") }
        let bytes: [UInt8]
        do { bytes = try SourceFile.read(path) } catch {
            Console.err("tally: \(error.description)\n")
            return 2
        }
        let tree = SyntaxTree.parse(bytes: bytes)
        FileOutput.writeStdout(tree.articleBytes())
        return 0
    }
}
