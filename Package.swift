// swift-tools-version:6.0
import PackageDescription

// Tally: annotation markup for news articles about violent incidents, its
// language server and its command-line checker. No package dependencies.
let package = Package(
    name: "Tally",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tally", targets: ["tally"]),
        .library(name: "TallySyntax", targets: ["TallySyntax"]),
        .library(name: "TallyAnalysis", targets: ["TallyAnalysis"]),
    ],
    targets: [
        // Layer 1: bytes -> lossless tree. No knowledge of gazetteers.
        .target(name: "TallySyntax"),
        // Layer 2: pure analysis of a workspace snapshot. No I/O, no JSON, no LSP.
        .target(name: "TallyAnalysis", dependencies: ["TallySyntax"]),
        // Layer 3: JSON, JSON-RPC, LSP, file reading, configuration, the server loop.
        .target(name: "TallyProtocol", dependencies: ["TallySyntax", "TallyAnalysis"]),
        // Layer 4: the `tally` subcommands, thin over the layers below.
        .target(name: "TallyCommandLine", dependencies: ["TallySyntax", "TallyAnalysis", "TallyProtocol"]),
        .executableTarget(name: "tally", dependencies: ["TallyCommandLine"]),
        // Benchmarks: `swift run -c release tally-bench` (generates its own inputs).
        .executableTarget(name: "tally-bench", dependencies: ["TallySyntax", "TallyAnalysis", "TallyProtocol"]),

        .testTarget(name: "TallySyntaxTests", dependencies: ["TallySyntax"]),
        .testTarget(name: "TallyAnalysisTests", dependencies: ["TallySyntax", "TallyAnalysis"]),
        .testTarget(name: "TallyProtocolTests", dependencies: ["TallySyntax", "TallyAnalysis", "TallyProtocol"]),
        // Depends on the executable so that `swift test` builds `tally` for the end-to-end tests.
        .testTarget(name: "TallyCommandLineTests", dependencies: ["TallySyntax", "TallyAnalysis", "TallyProtocol", "TallyCommandLine", "tally"]),
    ],
    swiftLanguageModes: [.v6]
)
