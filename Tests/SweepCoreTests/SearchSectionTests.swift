// The `search:` section and the injected configuration check, as the parser reads them: every
// error is one line naming the file, line and column.

import SweepCore
import Testing

struct SearchSectionTests {
    static let head = "name: s\npreset: toy\nseeds: 2\ngrid:\n  toy.x: [1, 2]\n"

    static func error(_ yaml: String, parser: SweepFileParser = ToySchema.parser) -> SweepError? {
        do {
            _ = try parser.parse(yaml: yaml, file: "test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func frontierAndHalvingSectionsAreRead() throws {
        let frontier = try ToySchema.parse(
            Self.head + "search:\n  frontier:\n    parameter: toy.y\n    start: 5\n    max: 50\n    resolution: 1.5\n"
                + "    success_rate: 0.5\n    growth: 3\n    early_decision: false\n")
        #expect(
            frontier.search
                == .frontier(
                    FrontierSearch(
                        parameter: "toy.y", start: 5, max: 50, minimum: 1, resolution: 1.5, successRate: 0.5, growth: 3,
                        decidesEarly: false)))
        let halving = try ToySchema.parse(
            Self.head + "search:\n  halving:\n    parameter: toy.y\n    min_sequences: 10\n    max_sequences: 90\n"
                + "    metric: sequences\n")
        #expect(halving.search == .halving(HalvingSearch(parameter: "toy.y", minBudget: 10, maxBudget: 90, eta: 3, metric: .sequences)))
        #expect(halving.expandTrials().count == 4)
        #expect(halving.expandTrials().allSatisfy { $0.parameters["toy.y"] == .int(10) })
    }

    static let malformed: [(String, SweepError.Code, Int, Int)] = [
        (head + "search:\n  frontier:\n    parameter: toy.x\n", .wrongType, 8, 16),
        (head + "search:\n  frontier:\n    parameter: toy.y\n    start: 0\n    max: 9\n    resolution: 2\n"
            + "    success_rate: 1\n", .badRange, 9, 12),
        (head + "search:\n  frontier:\n    parameter: toy.y\n    start: 3\n    max: 9\n    resolution: 1\n"
            + "    success_rate: 1\n", .badRange, 11, 17),
        (head + "search:\n  frontier:\n    parameter: toy.y\n    begin: 3\n", .invalidSweep, 9, 5),
        (head + "search:\n  annealing: {}\n", .invalidSweep, 7, 3),
        ("name: s\npreset: toy\ngrid:\n  toy.y: [1, 2]\nsearch:\n  frontier:\n    parameter: toy.y\n    start: 3\n"
            + "    max: 9\n    resolution: 2\n    success_rate: 1\n", .invalidSweep, 5, 1),
        (head + "budget:\n  max_sequences: 5\nsearch:\n  halving:\n    parameter: toy.y\n    min_sequences: 1\n"
            + "    max_sequences: 9\n", .invalidSweep, 8, 1),
    ]

    @Test(arguments: SearchSectionTests.malformed)
    func malformedSearchNamesItsLocation(yaml: String, code: SweepError.Code, line: Int, column: Int) {
        let error = Self.error(yaml)
        #expect(error?.code == code, "\(String(describing: error))")
        #expect(error?.location?.line == line && error?.location?.column == column, "\(String(describing: error))")
    }

    @Test func anInconsistentConfigurationIsOneLineWithItsParameters() {
        let parser = SweepFileParser(schemas: ToySchema.provider) { _, parameters in
            parameters["toy.x"] == .real(2) && parameters["toy.y"] == .int(7) ? "toy.x=2 needs toy.y below 7" : nil
        }
        let error = Self.error(Self.head + "fixed:\n  toy.y: 7\n", parser: parser)
        #expect(error?.code == .inconsistent)
        #expect(
            error?.description
                == "test.yaml:4:1: the configuration {toy.x=2.0, toy.y=7} fails the checks of preset 'toy': "
                + "toy.x=2 needs toy.y below 7")
        #expect(Self.error(Self.head + "fixed:\n  toy.y: 6\n", parser: parser) == nil)
    }

    @Test func theCheckSeesTheSearchedParameterAtItsStartAndMax() {
        let parser = SweepFileParser(schemas: ToySchema.provider) { _, parameters in
            (parameters["toy.y"]?.intValue ?? 0) > 100 ? "toy.y above 100" : nil
        }
        let search = "search:\n  frontier:\n    parameter: toy.y\n    start: 3\n    max: MAX\n    resolution: 2\n"
            + "    success_rate: 1\n"
        #expect(Self.error(Self.head + search.replacingOccurrences(of: "MAX", with: "100"), parser: parser) == nil)
        #expect(Self.error(Self.head + search.replacingOccurrences(of: "MAX", with: "101"), parser: parser)?.code == .inconsistent)
    }
}
