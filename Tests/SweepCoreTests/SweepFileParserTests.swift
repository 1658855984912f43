import Foundation
import Testing
@testable import SweepCore

struct SweepFileParserTests {
    static var sweepsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps")
    }

    static var sweepFiles: [String] {
        // Subfolders too (sweeps/paper/), as relative paths.
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: sweepsFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    @Test func sweepsFolderHasTheToyExample() {
        #expect(Self.sweepFiles.contains("toy-example.yaml"))
    }

    /// Files naming LSTM presets get their schema from the executable; here they must at least be
    /// well-formed YAML up to the preset (an unknown-preset error is then the only accepted one).
    @Test(arguments: SweepFileParserTests.sweepFiles)
    func everySweepFileParses(name: String) throws {
        let path = Self.sweepsFolder.appendingPathComponent(name).path
        let (sweeps, error) = Self.parseFile(path)
        if let sweeps {
            #expect(!sweeps.isEmpty)
            #expect(sweeps.allSatisfy { !$0.expandTrials().isEmpty })
        } else {
            #expect(error?.code == .unknownPreset, "\(String(describing: error))")
            #expect(error?.location?.file == path)
        }
    }

    @Test func toyExampleExpandsToThirtySixTrials() throws {
        let path = Self.sweepsFolder.appendingPathComponent("toy-example.yaml").path
        let sweep = try ToySchema.parser.parse(contentsOfFile: path)
        #expect(sweep.name == "toy-example")
        #expect(sweep.budget.maxSequences == 5000)
        #expect(sweep.expandTrials().count == 36)
    }

    static let malformed: [(String, SweepError.Code, Int, Int)] = [
        ("name: a\npreset: toy\nfixed:\n  toy.nope: 1\n", .unknownParameter, 4, 3),
        ("name: a\npreset: toy\nfixed:\n  toy.y: 1.5\n", .wrongType, 4, 10),
        ("name: a\npreset: toy\ngrid:\n  toy.x: [1, 200]\n", .badRange, 4, 14),
        ("name: a\npreset: lstm-9\n", .unknownPreset, 2, 9),
        ("name: a\npreset: toy\nseeds: 0\n", .badRange, 3, 8),
        ("name: a\npreset: toy\ngrid:\n  toy.x: [1, 2\n", .syntax, 5, 1),
    ]

    @Test(arguments: SweepFileParserTests.malformed)
    func malformedFileNamesLocation(yaml: String, code: SweepError.Code, line: Int, column: Int) {
        let error: SweepError? = Self.parseError(yaml)
        #expect(error?.code == code)
        #expect(error?.location?.line == line)
        #expect(error?.location?.column == column)
        let prefix = "test.yaml:\(line):\(column): "
        #expect(error?.description.hasPrefix(prefix) == true)
        #expect(error?.description.contains("\n") == false)
    }

    /// Grid sizes whose product passes Int.max are refused with the limit's error, not a trap (issue 16,
    /// defect 1: this file ended `serve` and `run` with "arithmetic overflow").
    @Test func gridProductPastIntMaxIsRefused() {
        // 200^6 axes × 100,000 seeds ≈ 6.4e18, times toy.mode's 2 values ≈ 1.3e19 > Int.max ≈ 9.2e18.
        let axis = { (name: String, value: (Int) -> String) in
            "  \(name): [" + (0..<200).map(value).joined(separator: ", ") + "]\n"
        }
        let yaml = "name: a\npreset: toy\nseeds: 100000\ngrid:\n  toy.mode: [plain, fancy]\n"
            + axis("toy.x") { "\(Double($0) / 2)" } + axis("toy.y") { "\($0)" } + axis("toy.sleep_ms") { "\($0)" }
            + axis("toy.work") { "\($0)" } + axis("toy.fail_rate") { "\(Double($0) / 200)" }
            + axis("toy.error_rate") { "\(Double($0) / 200)" }
        let error = Self.parseError(yaml)
        #expect(error?.code == .badRange)
        #expect(error?.description.contains("trials (at most 1000000)") == true)
    }

    /// `.` and `..` are URL dot-segments: `/v1/sweeps/../report` never reaches the sweep (issue 16, item 6).
    @Test(arguments: [".", "..", "'.'", "\"..\""])
    func dotSegmentNamesAreRefused(name: String) {
        let error = Self.parseError("name: \(name)\npreset: toy\n")
        #expect(error?.code == .invalidSweep)
        #expect(error?.location?.line == 1)
        #expect(error?.description.contains("'.' or '..'") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["...", ".a", "a.", "a..b", "v1.2"])
    func namesWithDotsThatAreNotDotSegmentsAreAccepted(name: String) throws {
        #expect(try ToySchema.parser.parse(yaml: "name: \(name)\npreset: toy\n", file: "test.yaml").name == name)
    }

    static func parseFile(_ path: String) -> ([SweepDefinition]?, SweepError?) {
        do {
            return (try ToySchema.parser.parseAll(contentsOfFile: path), nil)
        } catch {
            return (nil, error)
        }
    }

    static func parseError(_ yaml: String) -> SweepError? {
        do {
            _ = try ToySchema.parser.parse(yaml: yaml, file: "test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func schemaNormalizesValues() throws {
        #expect(try ToySchema.schema.normalize(.int(2), for: "toy.x") == .real(2))
        #expect(try ToySchema.schema.normalize(.real(3), for: "toy.y") == .int(3))
        #expect(try ToySchema.schema.normalize(.real(1), for: "toy.biases") == .realList([1]))
        #expect(throws: SweepError.self) { try ToySchema.schema.normalize(.string("x"), for: "toy.flag") }
    }
}
