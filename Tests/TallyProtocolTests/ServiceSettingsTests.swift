import Testing
import TallyAnalysis
@testable import TallyProtocol

/// File URIs and editor settings, the small pure parts of the language service.
@Suite struct ServiceSettingsTests {
    @Test func fileURIsDecodeAndEncodePaths() {
        #expect(FileURI.path(of: "file:///w/s%C3%A9gou%20report.tally") == "/w/ségou report.tally")
        #expect(FileURI.path(of: "FILE:///w/a.tally") == "/w/a.tally")
        #expect(FileURI.path(of: "file://localhost/w/a.tally") == "/w/a.tally")
        #expect(FileURI.path(of: "file://server/share/a.tally") == nil)
        #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
        #expect(FileURI.path(of: "file:///w/dir/") == "/w/dir")
        #expect(FileURI.uri(ofPath: "/w/ségou report.tally") == "file:///w/s%C3%A9gou%20report.tally")
        for path in ["/a/b.tally", "/tmp/é ü/😀#1?.tally", "/"] {
            #expect(FileURI.path(of: FileURI.uri(ofPath: path)) == path)
        }
        #expect(FileURI.path("/w/a/b.tally", isInside: "/w/a"))
        #expect(!FileURI.path("/w/ab/b.tally", isInside: "/w/a"))
    }

    @Test func settingsKeepWhatIsValidAndReportTheRest() {
        let value: JSONValue = [
            "gazetteers": ["extra.tsv", "/abs/places.txt", 3],
            "defaultGazetteer": false,
            "rules": ["unknown-place": "off", "count-conflict": "hint", "no-such-rule": "error", "unknown-actor": "loud"],
            "colour": "blue",
        ]
        let (settings, problems) = ServerSettings.parse(value, baseDirectory: "/w")
        #expect(settings.gazetteers == ["/w/extra.tsv", "/abs/places.txt"])
        #expect(settings.useDefaultGazetteer == false)
        #expect(settings.ruleOverrides["unknown-place"] == .some(Severity?.none))
        #expect(settings.ruleOverrides["count-conflict"] == .some(.hint))
        #expect(settings.ruleOverrides["unknown-actor"] == nil)
        #expect(problems.count == 4)
        // A wrapping section and null are accepted.
        #expect(ServerSettings.parse(["tally": ["defaultGazetteer": true]], baseDirectory: nil).0.useDefaultGazetteer == true)
        #expect(ServerSettings.parse(nil, baseDirectory: nil).0.isEmpty)
        #expect(ServerSettings.parse("nonsense", baseDirectory: nil).1.count == 1)
    }

    @Test func laterSettingsOverrideRuleByRuleAndOverTheProject() {
        let off: Severity? = nil
        var a = ServerSettings()
        a.ruleOverrides = ["unknown-place": off, "unknown-actor": .error]
        a.gazetteers = ["/a.tsv"]
        var b = ServerSettings()
        b.ruleOverrides = ["unknown-actor": .hint]
        b.gazetteers = ["/b.tsv"]
        b.useDefaultGazetteer = false
        let merged = a.overlaid(with: b)
        #expect(merged.ruleOverrides["unknown-place"] == .some(off))
        #expect(merged.ruleOverrides["unknown-actor"] == .some(.hint))
        #expect(merged.gazetteers == ["/a.tsv", "/b.tsv"])

        var project = ProjectConfiguration(gazetteers: ["/p.tsv"])
        project.settings.ruleOverrides["count-conflict"] = Severity.warning
        let applied = merged.applied(to: project)
        #expect(applied.gazetteers == ["/p.tsv", "/a.tsv", "/b.tsv"])
        #expect(applied.useDefaultGazetteer == false)
        #expect(applied.settings.severity(of: "count-conflict") == .warning)
        #expect(applied.settings.severity(of: "unknown-place") == nil)
    }

    @Test func diagnosticSeveritiesMapToLSP() {
        #expect([Severity.error, .warning, .info, .hint].map(DiagnosticConversion.severity) == [1, 2, 3, 4])
    }
}
