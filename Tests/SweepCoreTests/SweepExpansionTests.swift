import Testing
@testable import SweepCore

struct SweepExpansionTests {
    static let yaml = """
        name: expand
        preset: toy
        seeds: 3
        fixed:
          toy.fail_rate: 0.25
        grid:
          toy.x: [0.5, 1, 2]
          toy.mode: [plain, fancy]
        random:
          count: 4
          params:
            toy.y: {uniform: [1, 10]}
            toy.sleep_ms: {log_uniform: [1, 1000]}
        """

    @Test func expansionIsDeterministicAcrossParses() throws {
        let first = try ToySchema.parse(Self.yaml).expandTrials()
        let second = try ToySchema.parse(Self.yaml).expandTrials()
        #expect(first == second)
        #expect(first.count == 3 * 2 * 4 * 3)
    }

    @Test func identitiesAreUniqueAndFollowTheDocumentedFormula() throws {
        let trials = try ToySchema.parse(Self.yaml).expandTrials()
        #expect(Set(trials.map(\.id)).count == trials.count)
        for trial in trials {
            let text = "expand\n" + ParameterValue.canonicalJSON(trial.parameters) + "\n" + String(trial.seed)
            #expect(trial.id == SHA256.hexDigest(text))
        }
    }

    @Test func gridVariesFirstAxisSlowestAndSeedsFastest() throws {
        let trials = try ToySchema.parse(Self.yaml).expandTrials()
        #expect(trials.map(\.ordinal) == Array(trials.indices))
        #expect(trials[0].parameters["toy.x"] == .real(0.5))
        #expect(trials[0].parameters["toy.mode"] == .string("plain"))
        #expect(trials.prefix(3).map(\.seed) == [0, 1, 2])
        #expect(trials[3 * 4].parameters["toy.mode"] == .string("fancy"))
        #expect(trials.allSatisfy { $0.parameters["toy.fail_rate"] == .real(0.25) })
    }

    @Test func identityIgnoresKeyOrderInTheFile() throws {
        let swapped = Self.yaml.replacingOccurrences(
            of: "  toy.x: [0.5, 1, 2]\n  toy.mode: [plain, fancy]", with: "  toy.mode: [plain, fancy]\n  toy.x: [0.5, 1, 2]")
        let original = Set(try ToySchema.parse(Self.yaml).expandTrials().map(\.id))
        let reordered = Set(try ToySchema.parse(swapped).expandTrials().map(\.id))
        #expect(original == reordered)
    }

    @Test func integerWrittenForARealParameterHasTheSameIdentity() throws {
        let asInteger = try ToySchema.parse("name: n\npreset: toy\nfixed: {toy.x: 1}\n").expandTrials()
        let asReal = try ToySchema.parse("name: n\npreset: toy\nfixed: {toy.x: 1.0}\n").expandTrials()
        #expect(asInteger.map(\.id) == asReal.map(\.id))
    }

    @Test func moreRandomSamplesKeepTheEarlierOnes() throws {
        let four = try ToySchema.parse(Self.yaml).expandTrials()
        let eight = try ToySchema.parse(Self.yaml.replacingOccurrences(of: "count: 4", with: "count: 8")).expandTrials()
        #expect(Set(four.map(\.id)).isSubset(of: Set(eight.map(\.id))))
    }

    @Test func randomSamplesRespectTheirRanges() throws {
        for trial in try ToySchema.parse(Self.yaml).expandTrials() {
            let y = try #require(trial.parameters["toy.y"]?.intValue)
            let sleep = try #require(trial.parameters["toy.sleep_ms"]?.intValue)
            #expect((1...10).contains(y))
            #expect((1...1000).contains(sleep))
        }
    }

    @Test func seedListIsUsedInFileOrder() throws {
        let trials = try ToySchema.parse("name: s\npreset: toy\nseeds: [7, 3, 11]\n").expandTrials()
        #expect(trials.map(\.seed) == [7, 3, 11])
    }
}
