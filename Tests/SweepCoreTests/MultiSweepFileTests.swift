import Testing
@testable import SweepCore

/// Files with several sweeps, one per YAML document.
struct MultiSweepFileTests {
    static let twoSweeps = """
        # a table of two rows
        name: row-a
        preset: toy
        seeds: 2
        fixed:
          toy.x: 1
        ---
        name: row-b
        preset: toy-sleep
        seeds: [4, 5, 6]
        ---
        """

    @Test func everyDocumentIsOneSweepInFileOrder() throws {
        let sweeps = try ToySchema.parser.parseAll(yaml: Self.twoSweeps, file: "t.yaml")
        #expect(sweeps.map(\.name) == ["row-a", "row-b"])
        #expect(sweeps.map(\.preset) == ["toy", "toy-sleep"])
        #expect(sweeps.map { $0.expandTrials().count } == [2, 3])
    }

    @Test func trialIdentityIsTheSameAsInAFileOfItsOwn() throws {
        // Given the second document alone
        let alone = try ToySchema.parse("name: row-b\npreset: toy-sleep\nseeds: [4, 5, 6]\n")
        // When it is read from the two-sweep file
        let fromTable = try ToySchema.parser.parseAll(yaml: Self.twoSweeps, file: "t.yaml")[1]
        // Then its trials have the same identities
        #expect(fromTable.expandTrials().map(\.id) == alone.expandTrials().map(\.id))
    }

    @Test func aRepeatedNameIsRefusedAtItsLocation() {
        let yaml = "name: a\npreset: toy\n---\nname: a\npreset: toy\n"
        #expect {
            try ToySchema.parser.parseAll(yaml: yaml, file: "t.yaml")
        } throws: { error in
            (error as? SweepError)?.description.hasPrefix("t.yaml:4:7: sweep name 'a' is used twice") == true
        }
    }

    @Test func anErrorInALaterDocumentNamesItsLineInTheWholeFile() {
        let yaml = "name: a\npreset: toy\n---\nname: b\npreset: toy\nfixed:\n  toy.nope: 1\n"
        #expect {
            try ToySchema.parser.parseAll(yaml: yaml, file: "t.yaml")
        } throws: { error in
            (error as? SweepError)?.location == SourceLocation(file: "t.yaml", line: 7, column: 3)
        }
    }

    @Test func theOneSweepParserRefusesASeveralSweepFile() {
        #expect {
            try ToySchema.parser.parse(yaml: "name: a\npreset: toy\n---\nname: b\npreset: toy\n", file: "t.yaml")
        } throws: { error in
            (error as? SweepError)?.description == "t.yaml:1:1: holds 2 sweeps where one was expected"
        }
    }

    @Test func aFileOfEmptyDocumentsIsEmpty() {
        #expect {
            try ToySchema.parser.parseAll(yaml: "# nothing\n---\n", file: "t.yaml")
        } throws: { error in
            (error as? SweepError)?.description.contains("the sweep file is empty") == true
        }
    }
}
