import Foundation
import TallyAnalysis

/// Where the language reference can be opened, for rule links in editors and SARIF.
///
/// `TALLY_REFERENCE_URL` (a web address of `Grammar/REFERENCE.md`) wins; otherwise, when the
/// binary runs from a checkout (`.build/<configuration>/tally`), the `file://` URL of the
/// checkout's `Grammar/REFERENCE.md`; otherwise there is no link and none is sent.
public enum ReferenceLink {
    public static let base: String? = {
        if let env = ProcessInfo.processInfo.environment["TALLY_REFERENCE_URL"], !env.isEmpty { return env }
        var dir = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("Grammar/REFERENCE.md")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.absoluteString }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// The link to `rule`'s section, when the reference can be found.
    public static func url(for rule: String) -> String? {
        base.map { RuleCatalog.documentationURL(rule, base: $0) }
    }
}
