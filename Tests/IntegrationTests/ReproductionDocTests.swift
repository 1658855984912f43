// Issue 12, item 4: docs/reproduction.md's "What ran" figures are what docs/results/what-ran.sql
// prints for the checked-in paper database, through `lstm-sweep query`, and its figures are what
// `lstm-sweep plot --kind paper` draws from it. Anyone can re-derive both, and a snapshot of the
// database that changes them fails here until the document follows.

import Foundation
import Testing

struct ReproductionDocTests {
    static var repository: URL { SweepFilesTests.sweepsFolder.deletingLastPathComponent() }

    /// One line of the query's answer: a paper table (or "all") with its trials, CPU seconds and G steps.
    struct Cost: Equatable {
        var trials: Int
        var cpuSeconds: Double
        var gigaSteps: Double
    }

    /// A temporary folder holding a copy of the checked-in database (opening a WAL database leaves its
    /// -shm file beside it, so the tests never open the one in docs/).
    static func databaseCopy() throws -> (folder: URL, database: String) {
        let folder = try CLIProcess.temporaryFolder()
        let database = folder.appendingPathComponent("paper.sqlite").path
        try FileManager.default.copyItem(atPath: DashboardPaperTests.checkedInDatabase, toPath: database)
        return (folder, database)
    }

    /// The query's answer on the checked-in database, by table number; "all" is the key 0.
    static func queried() throws -> [Int: Cost] {
        let sql = try String(contentsOf: repository.appendingPathComponent("docs/results/what-ran.sql"), encoding: .utf8)
        let (folder, database) = try databaseCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIProcess.run(["query", "--db", database, sql, "--format", "json"], in: folder)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        var costs: [Int: Cost] = [:]
        for row in rows {
            let key = (row["table"] as? NSNumber)?.intValue ?? ((row["table"] as? String) == "all" ? 0 : -1)
            costs[key] = Cost(trials: (row["trials"] as? NSNumber)?.intValue ?? -1,
                              cpuSeconds: (row["cpuSeconds"] as? NSNumber)?.doubleValue ?? .nan,
                              gigaSteps: (row["gigaSteps"] as? NSNumber)?.doubleValue ?? .nan)
        }
        return costs
    }

    /// A figure as the document prints it ("38,485 s", "25.8 G"), and half a unit of its last digit.
    static func printed(_ cell: Substring) -> (value: Double, tolerance: Double)? {
        let number = cell.split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? ""
        guard let value = Double(number) else { return nil }
        let decimals = number.split(separator: ".").dropFirst().first?.count ?? 0
        return (value, 0.5 * pow(10, -Double(decimals)) + 1e-9)
    }

    @Test func whatRanTableIsTheQueryOnTheCheckedInDatabase() throws {
        let costs = try Self.queried()
        let document = try String(contentsOf: Self.repository.appendingPathComponent("docs/reproduction.md"), encoding: .utf8)
        let section = try #require(document.components(separatedBy: "What ran, per table").dropFirst().first)
        // "| 2 (2a, 2b, RTRL, BPTT) | state | 137 | 38,485 s | 25.8 G |"
        var seen: Set<Int> = []
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, let table = Int(cells[0].split(separator: " ").first ?? "") else { continue }
            let cost = try #require(costs[table], "table \(table) is in the document, not in the query's answer")
            #expect(Int(cells[2]) == cost.trials, "table \(table): trials")
            let cpu = try #require(Self.printed(Substring(cells[3])), "table \(table): \(cells[3])")
            #expect(abs(cpu.value - cost.cpuSeconds) <= cpu.tolerance, "table \(table): CPU \(cells[3]) against \(cost.cpuSeconds)")
            let steps = try #require(Self.printed(Substring(cells[4])), "table \(table): \(cells[4])")
            #expect(abs(steps.value - cost.gigaSteps) <= steps.tolerance, "table \(table): \(cells[4]) against \(cost.gigaSteps) G")
            seen.insert(table)
        }
        #expect(seen == Set(1...9))
        // And the totals in the paragraph above the table.
        let all = try #require(costs[0])
        let intro = String(section.prefix(while: { $0 != "|" }))
        let totals = try #require(intro.firstMatch(of: /([0-9.]+) G trial-steps, ([0-9,]+) CPU seconds/))
        #expect(abs((Double(totals.1) ?? .nan) - all.gigaSteps) <= 0.05 + 1e-9, "\(totals.1) G against \(all.gigaSteps)")
        #expect(Double(totals.2.replacingOccurrences(of: ",", with: "")) == all.cpuSeconds)
        #expect(intro.contains("\(all.trials) of the paper run's") || intro.contains("all \(all.trials) trials"))
    }
}

/// The figures' check runs 18 `plot` processes (about 40 s of one core in a debug build), beside
/// the load-sensitive cluster suites of a full run: slow (LSTM_SWEEP_SLOW=1, run by .ci/slow).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LSTM_SWEEP_SLOW"] == "1"))
struct ReproductionFigureTests {
    @Test func figuresAreWhatPlotDrawsFromTheCheckedInDatabase() throws {
        let document = try String(contentsOf: ReproductionDocTests.repository.appendingPathComponent("docs/reproduction.md"), encoding: .utf8)
        let figures = document.matches(of: /\]\((results\/figures\/table(\d)-(success|sequences)\.svg)\)/)
        #expect(figures.count == 18, "two figures for each of the nine tables")
        let (folder, database) = try ReproductionDocTests.databaseCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        for figure in figures {
            let drawn = folder.appendingPathComponent("drawn.svg")
            let plot = try CLIProcess.run(
                ["plot", "--db", database, "--kind", "paper", "--table", "Table \(figure.2)", "--measure", String(figure.3), "-o", drawn.path], in: folder)
            #expect(plot.status == 0, "stderr: \(plot.stderr)")
            let committed = try Data(contentsOf: ReproductionDocTests.repository.appendingPathComponent("docs").appendingPathComponent(String(figure.1)))
            #expect(try Data(contentsOf: drawn) == committed, "docs/\(figure.1) is not what plot draws: redraw it (docs/reproduction.md)")
        }
    }
}
