import TallySyntax
import TallyAnalysis
import TallyProtocol

/// `tally symbols FILE`: the document outline the editor shows (front
/// matter, incidents, and their figures, places and actors), one symbol a
/// line as `LINE:COLUMN  KIND  NAME  (DETAIL)`, children indented. Columns
/// count Unicode scalars from 1. The file's project (nearest `tally.json`)
/// gives the gazetteer.
enum SymbolsCommand {
    static let usage = """
    usage: tally symbols FILE

    Prints the outline of FILE: its incidents with their figures, places and actors.

    """

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        guard args.count == 1, let path = args.first else { throw UsageError("symbols takes exactly one file") }
        let bytes: [UInt8]
        do { bytes = try SourceFile.read(path) } catch {
            Console.err("tally: \(error.description)\n")
            return 2
        }
        let project = ProjectLoader.load(configPath: ProjectLoader.findConfiguration(startingAt: ProjectConfiguration.directoryOf(ProjectLoader.absolute(path))))
        for problem in project.problems { Console.err("tally: \(problem)\n") }
        let analysis = DocumentAnalysis.analyze(uri: FileURI.uri(ofPath: ProjectLoader.absolute(path)), bytes: bytes,
                                                gazetteer: project.gazetteer, settings: project.configuration.settings)
        let text = PositionConverter(bytes: bytes)
        var out = ""
        func write(_ symbol: DocumentSymbol, depth: Int) {
            let at = text.position(of: symbol.selectionRange.lowerBound, encoding: .utf32)
            out += String(repeating: "  ", count: depth) + "\(at.line + 1):\(at.character + 1)  \(symbol.kind.rawValue)  \(symbol.name)"
            if let detail = symbol.detail, !detail.isEmpty { out += "  (\(detail))" }
            out += "\n"
            for child in symbol.children { write(child, depth: depth + 1) }
        }
        for symbol in Symbols.outline(analysis, gazetteer: project.gazetteer) { write(symbol, depth: 0) }
        Console.out(out)
        return 0
    }
}
