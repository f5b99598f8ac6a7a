import Foundation
import TallyAnalysis

/// GitHub Actions workflow commands (`::error file=...::message`) that annotate pull requests.
public enum GitHubReporter {
    public static func render(_ files: [CheckedFile]) -> String {
        var out = ""
        for f in files {
            for d in f.diagnostics {
                let level: String
                switch d.severity {
                case .error: level = "error"
                case .warning: level = "warning"
                default: level = "notice"
                }
                let a = f.position(d.range.lowerBound), b = f.position(d.range.upperBound)
                var props = "file=\(escapeProperty(f.path)),line=\(a.line),col=\(a.column)"
                props += ",endLine=\(b.line)"
                if b.line == a.line { props += ",endColumn=\(b.column)" }
                props += ",title=\(escapeProperty("tally \(d.rule)"))"
                out += "::\(level) \(props)::\(escapeData(d.message))\n"
            }
        }
        return out
    }

    /// Escapes the message part of a workflow command.
    public static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value, where `:` and `,` are separators too.
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
