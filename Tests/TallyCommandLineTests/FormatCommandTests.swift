import Foundation
import Testing

/// `tally fmt` run as a subprocess on files in a temporary directory.
@Suite(.serialized) struct FormatCommandTests {
    static let messy = "---\nsource:  Example Daily\ntitle: Raid\n---\n::: incident  a  killed=1   date=2025-07-01\nThey killed [one man]{ killed  note=\"x\" victim=civilians }.\n:::  \n"
    static let tidy = "---\ntitle: Raid\nsource: Example Daily\n---\n::: incident a date=2025-07-01 killed=1\nThey killed [one man]{killed victim=civilians note=x}.\n:::\n"

    /// A fresh directory with `files` (name → content); removed by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = try ExternalTool.makeTemporaryDirectory("tally-fmt")
        for (name, content) in files { try Data(content.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    static func contents(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    @Test func printsTheFormattedFileAndLeavesItAlone() throws {
        let dir = try Self.folder(["a.tally": Self.messy])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.tally")
        let r = try TallyProcess.run(["fmt", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == Self.tidy)
        #expect(try Self.contents(file) == Self.messy)
    }

    @Test func printingRefusesSeveralFiles() throws {
        let dir = try Self.folder(["a.tally": Self.messy, "b.tally": Self.tidy])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TallyProcess.run(["fmt", dir.path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--check or --write"))
    }

    @Test func checkListsFilesThatWouldChangeWithADiff() throws {
        let dir = try Self.folder(["a.tally": Self.messy, "b.tally": Self.tidy])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.tally").path, b = dir.appendingPathComponent("b.tally").path
        let r = try TallyProcess.run(["fmt", "--check", dir.path])
        #expect(r.status == 1, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("would reformat \(a)"))
        #expect(!r.stdout.contains("would reformat \(b)"))
        #expect(lines.contains("--- \(a)"))
        #expect(lines.contains("@@ -2,2 +2,2 @@"))
        #expect(lines.contains("-source:  Example Daily"))
        #expect(lines.contains("+title: Raid"))
        #expect(lines.contains("@@ -5,3 +5,3 @@"))
        #expect(lines.contains("-:::  "))
        #expect(lines.contains("+:::"))
        #expect(lines.contains("1 of 2 files would be reformatted"))
        #expect(try Self.contents(URL(fileURLWithPath: a)) == Self.messy, "--check changes nothing")

        let clean = try TallyProcess.run(["fmt", "--check", b])
        #expect(clean.status == 0)
        #expect(clean.stdout == "1 file is formatted\n")
    }

    @Test func writeReplacesOnlyChangedFilesAndKeepsTheirMode() throws {
        let dir = try Self.folder(["a.tally": Self.messy, "b.tally": Self.tidy, "c.tally": Self.messy.replacingOccurrences(of: "\n", with: "\r\n")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.tally"), b = dir.appendingPathComponent("b.tally"), c = dir.appendingPathComponent("c.tally")
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o640], ofItemAtPath: a.path)
        let inodeOfB = try fm.attributesOfItem(atPath: b.path)[.systemFileNumber] as? Int
        let r = try TallyProcess.run(["fmt", "--write", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "reformatted \(a.path)\nreformatted \(c.path)\n")
        #expect(try Self.contents(a) == Self.tidy)
        #expect(try Self.contents(c) == Self.tidy.replacingOccurrences(of: "\n", with: "\r\n"), "CRLF is kept")
        #expect(try Self.contents(b) == Self.tidy)
        #expect((try fm.attributesOfItem(atPath: a.path)[.posixPermissions] as? Int) == 0o640)
        #expect((try fm.attributesOfItem(atPath: b.path)[.systemFileNumber] as? Int) == inodeOfB, "an unchanged file is not rewritten")
        #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == ["a.tally", "b.tally", "c.tally"], "no temporary file is left")
        let check = try TallyProcess.run(["fmt", "--check", dir.path])
        #expect(check.status == 0)
    }

    @Test func writeThroughASymbolicLinkUpdatesTheTarget() throws {
        let dir = try Self.folder(["real.tally": Self.messy])
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("link.tally")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.tally")
        let r = try TallyProcess.run(["fmt", "--write", link.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.tally")
        #expect(try Self.contents(dir.appendingPathComponent("real.tally")) == Self.tidy)
    }

    @Test func anUnwritableDirectoryLeavesTheFileUntouched() throws {
        let dir = try Self.folder(["a.tally": Self.messy])
        let fm = FileManager.default
        var immutable = false
        defer {
            if immutable, let chattr = ExternalTool.find("chattr") { _ = try? ExternalTool.run(chattr, ["-i", dir.path], timeout: 30) }
            try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
            try? fm.removeItem(at: dir)
        }
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        // Root ignores permissions; the immutable attribute stops it too.
        if geteuid() == 0, let chattr = ExternalTool.find("chattr") {
            immutable = (try? ExternalTool.run(chattr, ["+i", dir.path], timeout: 30))?.status == 0
        }
        let probe = dir.appendingPathComponent("probe")
        if fm.createFile(atPath: probe.path, contents: Data()) {
            try? fm.removeItem(at: probe)
            ExternalTool.unavailable("unwritable directory", "cannot make a directory unwritable here")
            return
        }
        let file = dir.appendingPathComponent("a.tally")
        let r = try TallyProcess.run(["fmt", "--write", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains(file.path))
        #expect(r.stderr.contains("the file is unchanged"))
        #expect(try Self.contents(file) == Self.messy)
        #expect(try fm.contentsOfDirectory(atPath: dir.path) == ["a.tally"])
    }

    @Test func usageAndInputErrorsExitWithTwo() throws {
        for args in [["fmt"], ["fmt", "--check", "--write", "x.tally"], ["fmt", "--bogus", "x.tally"],
                     ["fmt", "--check", "no/such/file.tally"]] {
            let r = try TallyProcess.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.hasPrefix("tally: "), "\(args): \(r.stderr)")
        }
        let help = try TallyProcess.run(["help"])
        #expect(help.stdout.contains("fmt PATH..."))
    }

    @Test func theExamplesAreFormatted() throws {
        let r = try TallyProcess.run(["fmt", "--check", "Grammar/examples"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(!r.stdout.contains("would reformat"))
    }
}
