import Foundation
import Testing
@testable import SweepCore

/// Issue 16, defect 2: a YAML alias bomb used as a mapping key burned CPU exponentially while Yams
/// composed it (its duplicate-key check hashes every key, aliases expanded). The limits are checked on
/// libyaml's event stream before anything is composed; each is tested at the limit and one past it.
struct YAMLLimitsTests {
    /// `levels` anchors, each a list of nine aliases of the one before; the last is used as a key.
    static func aliasBomb(levels: Int) -> String {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<levels {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return yaml + "*a\(levels - 1) : 1\nname: bomb\npreset: toy\n"
    }

    /// An anchored list of 99 scalars (100 nodes), then `aliases` aliases of it and `extra` of a scalar.
    static func aliases(_ aliases: Int, extra: Int = 0) -> String {
        "v: &v [" + Array(repeating: "1", count: 99).joined(separator: ", ") + "]\ns: &s 1\n"
            + "w: [" + (Array(repeating: "*v", count: aliases) + Array(repeating: "*s", count: extra)).joined(separator: ", ")
            + "]\n"
    }

    static func nested(_ depth: Int) -> String {
        // The root mapping is level 1; `depth - 1` flow sequences inside it.
        "k: " + String(repeating: "[", count: depth - 1) + "1" + String(repeating: "]", count: depth - 1) + "\n"
    }

    static func sized(_ bytes: Int) -> String {
        let head = "name: a\npreset: toy\n#"
        return head + String(repeating: "x", count: bytes - head.utf8.count - 1) + "\n"
    }

    @Test(arguments: [5, 10])
    func aliasBombAsKeyIsRefusedBeforeComposing(levels: Int) {
        let error = SweepFileParserTests.parseError(Self.aliasBomb(levels: levels))
        #expect(error?.code == .badRange)
        #expect(error?.description.contains("aliases expand to more than 10000 nodes") == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("test.yaml:") == true)
    }

    @Test func aliasExpansionAtTheLimitPasses() throws {
        try YAMLLimits.check(yaml: Self.aliases(100), file: "test.yaml")
    }

    @Test func aliasExpansionOnePastTheLimitIsRefused() {
        #expect(throws: SweepError.self) { try YAMLLimits.check(yaml: Self.aliases(100, extra: 1), file: "test.yaml") }
    }

    @Test func nestingAtTheLimitPasses() throws {
        try YAMLLimits.check(yaml: Self.nested(YAMLLimits.maximumDepth), file: "test.yaml")
    }

    @Test func nestingOnePastTheLimitIsRefused() {
        let error = SweepFileParserTests.parseError(Self.nested(YAMLLimits.maximumDepth + 1))
        #expect(error?.code == .badRange)
        #expect(error?.description.contains("nested more than 32 levels deep") == true, "\(String(describing: error))")
        #expect(error?.location?.line == 1)
    }

    @Test func sizeAtTheLimitPasses() throws {
        let yaml = Self.sized(YAMLLimits.maximumBytes)
        #expect(yaml.utf8.count == 1_048_576)
        #expect(try ToySchema.parse(yaml).name == "a")
    }

    @Test func sizeOnePastTheLimitIsRefused() {
        let error = SweepFileParserTests.parseError(Self.sized(YAMLLimits.maximumBytes + 1))
        #expect(error?.code == .badRange)
        #expect(error?.description == "test.yaml:1:1: the sweep file is 1048577 bytes (at most 1048576)")
    }

    @Test func fileOnePastTheLimitIsRefusedBeforeReading() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).yaml").path
        try Self.sized(YAMLLimits.maximumBytes + 1).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SweepError.self) { try ToySchema.parser.parseAll(contentsOfFile: path) }
    }

    /// Trials per sweep: 100 grid values × 10,000 seeds is the limit; 101 × 9,901 = 1,000,001 is one past.
    @Test(arguments: [(100, 10_000, true), (101, 9_901, false)])
    func trialsAtTheLimitAndOnePast(values: Int, seeds: Int, accepted: Bool) {
        let yaml = "name: a\npreset: toy\nseeds: \(seeds)\ngrid:\n  toy.y: [" + (0..<values).map(String.init).joined(separator: ", ") + "]\n"
        let error = SweepFileParserTests.parseError(yaml)
        #expect((error == nil) == accepted, "\(String(describing: error))")
        if !accepted { #expect(error?.description.contains("1000001 trials (at most 1000000)") == true) }
    }
}
