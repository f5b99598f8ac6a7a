import Foundation
import Testing
import TallyProtocol
@testable import TallyCommandLine

/// The package root: three levels up from Tests/TallyCommandLineTests/ExportTests.swift.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/export")
private let example = "Grammar/examples/mali-2025.tally"

/// Runs a program with the package root as working directory. Standard
/// input, output and error go through temporary files, so no pipe can fill up.
private func run(_ executable: String, _ arguments: [String], stdin: Data = Data()) throws -> (status: Int32, out: Data, err: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
    try stdin.write(to: inURL)
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let input = try FileHandle(forReadingFrom: inURL)
    let output = try FileHandle(forWritingTo: outURL)
    let error = try FileHandle(forWritingTo: errURL)
    defer {
        try? input.close()
        try? output.close()
        try? error.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try Data(contentsOf: outURL), String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// The `tally` binary built by `swift build` (debug).
private func tally(_ arguments: [String]) throws -> (status: Int32, out: Data, err: String) {
    let binary = packageRoot.appendingPathComponent(".build/debug/tally").path
    try #require(FileManager.default.isExecutableFile(atPath: binary), "build the tool first: swift build --product tally")
    return try run(binary, arguments)
}

private func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(name))
}

/// Parses CSV text with Python's csv module and returns the rows.
private func pythonCSVRows(_ csv: Data) throws -> [[String]] {
    let script = """
    import csv, io, json, sys
    text = sys.stdin.buffer.read().decode("utf-8")
    print(json.dumps(list(csv.reader(io.StringIO(text, newline="")))))
    """
    let result = try run("/usr/bin/env", ["python3", "-c", script], stdin: csv)
    try #require(result.status == 0, "python3 failed: \(result.err)")
    let value = try JSONParser.parse(Array(result.out))
    let rows = try #require(value.array)
    return rows.map { ($0.array ?? []).map { $0.string ?? "<not a string>" } }
}

@Suite struct ExportTests {
    // MARK: Golden files

    @Test(arguments: ["csv", "json", "geojson"])
    func exportMatchesTheGoldenFile(format: String) throws {
        let result = try tally(["export", "--format", format, example])
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = try fixture("mali-2025.\(format)")
        #expect(result.out == expected, "tally export --format \(format) differs from Tests/Fixtures/export/mali-2025.\(format)")
    }

    @Test(arguments: [("text", "mali-2025-summary.txt"), ("json", "mali-2025-summary.json")])
    func summaryMatchesTheGoldenFile(format: String, file: String) throws {
        let result = try tally(["summary", "--format", format, example])
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out == (try fixture(file)))
    }

    @Test func outputIsStableAcrossRuns() throws {
        let first = try tally(["export", "--format", "json", "Grammar/examples"])
        let second = try tally(["export", "--format", "json", "Grammar/examples"])
        #expect(first.status == 0)
        #expect(first.out == second.out)
        #expect(!first.out.isEmpty)
    }

    @Test func outWritesTheSameBytesToAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("incidents.geojson")
        let result = try tally(["export", "--format=geojson", "--out", target.path, example])
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.isEmpty)
        #expect(try Data(contentsOf: target) == (try fixture("mali-2025.geojson")))
        // Nothing but the output is left behind (no temporary file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["incidents.geojson"])
    }

    @Test func badUsageExitsWithTwo() throws {
        #expect(try tally(["export", "--format", "xml", example]).status == 2)
        #expect(try tally(["export", "--format", "csv"]).status == 2)
        #expect(try tally(["summary", "--top", "many", example]).status == 2)
        #expect(try tally(["export", "missing-file.tally"]).status == 2)
    }

    // MARK: CSV

    @Test func csvParsesBackWithPythonWithTheHeaderWidthOnEveryRow() throws {
        let csv = try fixture("mali-2025.csv")
        let rows = try pythonCSVRows(csv)
        try #require(rows.count == 6)
        #expect(rows[0] == IncidentTable.columns)
        for row in rows { #expect(row.count == rows[0].count) }
        let column = Dictionary(uniqueKeysWithValues: rows[0].enumerated().map { ($1, $0) })
        let west = try #require(rows.first { $0[0] == "west-2025-07-01" })
        #expect(west[column["location"]!] == "Kayes; Nioro; Niono; Molodo; Sandaré; Gogui; Diboli")
        #expect(west[column["injured_best"]!] == "11")
        #expect(west[column["injured_high"]!] == "")
        // Every record, the last included, ends with CRLF.
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 7)
    }

    @Test func csvQuotesCommasQuotesAndLineBreaks() throws {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "Sandaré; Gogui", " spaced "]
        var writer = CSVWriter()
        writer.writeRecord(fields)
        writer.writeRecord(["x", "y", "z", "", "", "", "", ""])
        #expect(writer.text.hasPrefix("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,Sandaré; Gogui, spaced \r\n"))
        let rows = try pythonCSVRows(Data(writer.bytes))
        #expect(rows.count == 2)
        #expect(rows.first == fields)
    }

    // MARK: GeoJSON (RFC 7946)

    @Test func geojsonIsAFeatureCollectionOfLongitudeLatitudePositions() throws {
        let value = try JSONParser.parse(Array(try fixture("mali-2025.geojson")))
        #expect(value["type"] == "FeatureCollection")
        let features = try #require(value["features"]?.array)
        #expect(features.count == 5)
        var pointCount = 0, multiCount = 0, nullCount = 0
        for feature in features {
            #expect(feature["type"] == "Feature")
            #expect(feature["id"]?.string != nil)
            let properties = try #require(feature["properties"]?.object)
            #expect(properties.keys == IncidentTable.columns)
            let geometry = try #require(feature["geometry"])
            var positions: [JSONValue] = []
            switch geometry["type"]?.string {
            case "Point":
                pointCount += 1
                positions = [try #require(geometry["coordinates"])]
                // A Point is the first place: its position repeats the latitude/longitude properties.
                #expect(positions[0][0] == properties["longitude"])
                #expect(positions[0][1] == properties["latitude"])
            case "MultiPoint":
                multiCount += 1
                positions = try #require(geometry["coordinates"]?.array)
                #expect(positions.count >= 2)
                #expect(positions[0][0] == properties["longitude"])
            case nil:
                nullCount += 1
                #expect(geometry.isNull)
            default:
                Issue.record("unexpected geometry \(geometry)")
            }
            for p in positions {
                let pair = try #require(p.array)
                #expect(pair.count == 2)
                let lon = try #require(pair[0].double), lat = try #require(pair[1].double)
                #expect((-180...180).contains(lon) && (-90...90).contains(lat))
                // Mali lies at about 10–25° N and 12° W–4° E: the order is [longitude, latitude].
                #expect((-12.5...4.5).contains(lon), "longitude first: \(pair)")
                #expect((10...25).contains(lat), "latitude second: \(pair)")
            }
        }
        #expect(pointCount == 3)
        #expect(multiCount == 1)
        #expect(nullCount == 1)
    }

    // MARK: JSON

    @Test func jsonNestsFiguresWithTextAndPosition() throws {
        let value = try JSONParser.parse(Array(try fixture("mali-2025.json")))
        let incidents = try #require(value["incidents"]?.array)
        #expect(incidents.map { $0["event_id"]?.string ?? "" } == [
            "dioura-2025-05-23", "centre-2025-06-18", "counterattack-2025-07-01", "kayes-2025-07-01-hostages", "west-2025-07-01",
        ])
        let hostages = incidents[3]
        let figure = try #require(hostages["figures"]?[0])
        #expect(figure["text"] == "three Indian nationals")
        #expect(figure["line"] == 31)
        #expect(figure["column"] == 1)
        #expect(figure["note"] == "employees of a cement plant")
        #expect(hostages[path: "counts", "abducted", "best"] == 3)
    }
}
