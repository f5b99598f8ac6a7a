import Foundation
import Testing

/// `tally check` run as a subprocess, the way CI runs it.
@Suite(.serialized) struct CheckCommandTests {
    @Test func flagshipExamplePasses() throws {
        let r = try TallyProcess.run(["check", "Grammar/examples"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("0 errors, 0 warnings in 1 file"))
    }

    @Test func plantedFaultsGiveExactlyTheExpectedDiagnostics() throws {
        let r = try TallyProcess.run(["check", "--format", "json", TallyProcess.fixture("planted")])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        var got: [String] = []
        for f in files {
            for d in f["diagnostics"] as? [[String: Any]] ?? [] {
                let range = d["range"] as! [String: Any]
                let start = range["start"] as! [String: Any]
                got.append("\(start["line"]!) \(d["rule"]!)")
            }
        }
        let expected = try String(contentsOfFile: TallyProcess.fixture("planted/mali-2025-planted.expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(got == expected)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 1)
    }

    @Test func textFormatIsCompilerStyleWithSourceAndCaret() throws {
        let r = try TallyProcess.run(["check", TallyProcess.fixture("planted")])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("error[count-text-mismatch]") })
        #expect(lines[first].hasSuffix("The value 2 disagrees with the text: 'one' reads as 1. Correct the value or drop it to use the text."))
        #expect(lines[first].contains("mali-2025-planted.tally:13:"))
        #expect(lines[first + 1].contains("| and [one civilian]{killed=2 victim=civilians} died there."))
        // The caret sits under the value '2'.
        let source = lines[first + 1], caret = lines[first + 2]
        let col = source.distance(from: source.startIndex, to: source.range(of: "=2")!.upperBound) - 1
        #expect(caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!) == col)
        #expect(!r.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(lines.contains("9 errors, 2 warnings in 1 file"))
    }

    @Test func githubFormatAnnotatesPullRequests() throws {
        let r = try TallyProcess.run(["check", "--format", "github", "Tests/Fixtures/planted"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 11)
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
        let mismatch = try #require(lines.first { $0.contains("count-text-mismatch") })
        #expect(mismatch.hasPrefix("::error file=Tests/Fixtures/planted/mali-2025-planted.tally,line=13,col=27,endLine=13,endColumn=28,title=tally count-text-mismatch::"))
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let r = try TallyProcess.run(["check", "--format", "sarif", TallyProcess.fixture("planted"), "Grammar/examples"])
        #expect(r.status == 1)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect((runs.first?["results"] as? [Any])?.count == 11)

        let schema = ExternalTool.packageRoot.appendingPathComponent("../shared/data/schemas/sarif-schema-2.1.0.json").standardizedFileURL
        let python = ExternalTool.packageRoot.appendingPathComponent(".build/venv/bin/python")
        guard FileManager.default.fileExists(atPath: schema.path) else {
            ExternalTool.unavailable("SARIF schema validation", "no schema at \(schema.path)")
            return
        }
        guard FileManager.default.isExecutableFile(atPath: python.path),
              (try? ExternalTool.run(python, ["-c", "import jsonschema"], timeout: 60))?.status == 0 else {
            ExternalTool.unavailable("SARIF schema validation", "jsonschema is not installed in .build/venv (run .ci/run)")
            return
        }
        let folder = try ExternalTool.makeTemporaryDirectory("sarif")
        defer { try? FileManager.default.removeItem(at: folder) }
        let doc = folder.appendingPathComponent("out.sarif")
        try Data(r.stdout.utf8).write(to: doc)
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc), key=str)
        for e in errors[:5]: print("INVALID:", e.message, list(e.path))
        print("errors:", len(errors))
        sys.exit(1 if errors else 0)
        """
        let v = try ExternalTool.run(python, ["-c", script, schema.path, doc.path], timeout: 120)
        #expect(v.status == 0, "\(v.output)")
        #expect(v.output.contains("errors: 0"))
    }

    @Test func outputIsDeterministic() throws {
        let a = try TallyProcess.run(["check", "--format", "json", "Tests/Fixtures", "Grammar"])
        let b = try TallyProcess.run(["check", "--format", "json", "Grammar", "Tests/Fixtures"])
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try TallyProcess.run(["check"]).status == 2)
        #expect(try TallyProcess.run(["check", "--format", "xml", "x"]).status == 2)
        #expect(try TallyProcess.run(["frobnicate"]).status == 2)
        let missing = try TallyProcess.run(["check", "no/such/file.tally"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.tally: no such file or directory"))
    }

    @Test func badInputsGetClearErrorsNotCrashes() throws {
        let dir = try ExternalTool.makeTemporaryDirectory("bad-inputs")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Invalid UTF-8: located diagnostic, exit 1.
        try Data([0x61, 0x62, 0x0A, 0x63, 0xFF, 0x64, 0x0A]).write(to: dir.appendingPathComponent("latin.tally"))
        let utf = try TallyProcess.run(["check", dir.appendingPathComponent("latin.tally").path])
        #expect(utf.status == 1)
        #expect(utf.stdout.contains("latin.tally:2:2: error[invalid-utf8]"))
        // Binary file: refused with a reason, exit 2.
        try Data([0x00, 0x01, 0x02, 0x5B, 0x00]).write(to: dir.appendingPathComponent("blob.tally"))
        let bin = try TallyProcess.run(["check", dir.appendingPathComponent("blob.tally").path])
        #expect(bin.status == 2)
        #expect(bin.stderr.contains("binary"))
        // A configuration that is not JSON: located error, exit 2.
        let proj = dir.appendingPathComponent("proj")
        try FileManager.default.createDirectory(at: proj, withIntermediateDirectories: true)
        try Data("{\"gazetteers\": [\n  oops]\n}".utf8).write(to: proj.appendingPathComponent("tally.json"))
        try Data("Nothing to see.\n".utf8).write(to: proj.appendingPathComponent("a.tally"))
        let cfg = try TallyProcess.run(["check", proj.path])
        #expect(cfg.status == 2)
        #expect(cfg.stderr.contains("tally.json: not valid JSON at line 2, column 3"))
        // A gazetteer named in the configuration that does not exist.
        try Data("{\"gazetteers\": [\"missing.tsv\"]}".utf8).write(to: proj.appendingPathComponent("tally.json"))
        let gaz = try TallyProcess.run(["check", proj.path])
        #expect(gaz.stderr.contains("missing.tsv: no such file or directory"))
        // An unreadable file (skipped when running as root, who can read anything).
        if getuid() != 0 {
            let locked = dir.appendingPathComponent("locked.tally")
            try Data("x".utf8).write(to: locked)
            chmod(locked.path, 0)
            let r = try TallyProcess.run(["check", locked.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("permission denied"))
        }
    }

    @Test func fiftyMegabyteFileIsCheckedWithoutCrashing() throws {
        let dir = try ExternalTool.makeTemporaryDirectory("large")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Mostly prose, with an incident block every megabyte (the last one unclosed).
        let prose = Data(String(repeating: "The convoy [File: Reuters] moved on 18 June, 100% on schedule. \\[x]\n", count: 16_000).utf8)
        var doc = Data()
        var n = 0
        while doc.count < 50 * 1024 * 1024 {
            doc.append(Data("::: incident i\(n) killed=3\nGunmen killed [three villagers]{killed} near [Mopti]{place}.\n".utf8))
            doc.append(prose)
            doc.append(Data(":::\n".utf8))
            n += 1
        }
        doc.append(Data("::: incident last\n[41 soldiers]{killed=42}\n".utf8))
        let path = dir.appendingPathComponent("big.tally")
        try doc.write(to: path)
        let r = try TallyProcess.run(["check", "--format", "json", path.path], timeout: 300)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"unclosed-block\""))
        #expect(r.stdout.contains("\"count-text-mismatch\""))
        #expect(r.stdout.contains("\"errors\":2"))
    }

    @Test func stripGivesBackThePlainText() throws {
        let r = try TallyProcess.run(["strip", "Grammar/examples/mali-2025.tally"])
        #expect(r.status == 0)
        let golden = try String(contentsOfFile: TallyProcess.fixture("mali-2025.stripped.txt"), encoding: .utf8)
        #expect(r.stdout == golden)
        #expect(!r.stdout.contains("]{"))
        #expect(!r.stdout.contains(":::"))
        #expect(!r.stdout.contains("%%"))
    }

    @Test func fixAppliesOnlySafeFixesAtomically() throws {
        let dir = try ExternalTool.makeTemporaryDirectory("fix")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.tally")
        // One incident: attaching the stray figure to it is safe. The mismatch needs a human.
        try Data("::: incident only\n[three people]{killed=4}\n:::\n[two soldiers]{killed}\n".utf8).write(to: path)
        let r = try TallyProcess.run(["check", "--fix", path.path])
        let after = try String(contentsOf: path, encoding: .utf8)
        #expect(after == "::: incident only\n[three people]{killed=4}\n:::\n[two soldiers]{killed in=only}\n")
        #expect(r.stderr.contains("Count it for incident 'only'"))
        #expect(r.status == 1, "the count mismatch is still an error")
        #expect(r.stdout.contains("count-text-mismatch"))
        #expect(!r.stdout.contains("unattached-figure"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["a.tally"])
    }
}
