import Foundation
import Testing

/// Issue 16, item 6: `query` and `export` loaded every row into memory before printing one. They now
/// print each row as SQLite yields it (`--format table` alone still buffers, to align its columns).
/// A statement that fails at its last row shows it: the rows before it are already on stdout.
struct StreamingQueryTests {
    static let failingAtTheEnd = """
        WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 5000)
        SELECT CASE WHEN v = 5000 THEN json('not json') ELSE v END AS v FROM n
        """

    @Test(arguments: ["csv", "jsonl", "json", "markdown"])
    func rowsArePrintedBeforeTheStatementEnds(format: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: a\npreset: toy\n".write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLIProcess.run(["run", "a.yaml", "--db", "r.sqlite"], in: folder).status == 0)

        let output = try CLIProcess.run(["query", "--db", "r.sqlite", "--format", format, Self.failingAtTheEnd], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("malformed JSON"), "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count >= 4999, "\(lines.count) lines on stdout")
        #expect(lines.contains { $0.contains("4999") })
    }

    @Test(arguments: ["csv", "jsonl", "json", "markdown", "table"])
    func aCompleteResultIsPrintedAsBefore(format: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: a\npreset: toy\nseeds: 3\n".write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLIProcess.run(["run", "a.yaml", "--db", "r.sqlite"], in: folder).status == 0)
        let sql = "SELECT seed, state, params, 'a,\"b' AS quoted, NULL AS empty, 1.5 AS real FROM trialView ORDER BY seed"
        let output = try CLIProcess.run(["query", "--db", "r.sqlite", "--format", format, sql], in: folder)
        #expect(output.status == 0)
        let expected: [String: String] = [
            "csv": "seed,state,params,quoted,empty,real\n0,done,{},\"a,\"\"b\",,1.5\n1,done,{},\"a,\"\"b\",,1.5\n2,done,{},\"a,\"\"b\",,1.5\n",
            "jsonl": (0..<3).map { "{\"seed\":\($0),\"state\":\"done\",\"params\":{},\"quoted\":\"a,\\\"b\",\"empty\":null,\"real\":1.5}\n" }.joined(),
            "json": "[" + (0..<3).map { "{\"seed\":\($0),\"state\":\"done\",\"params\":{},\"quoted\":\"a,\\\"b\",\"empty\":null,\"real\":1.5}" }.joined(separator: ",\n ") + "]\n",
            "markdown": "| seed | state | params | quoted | empty | real |\n| --- | --- | --- | --- | --- | --- |\n"
                + (0..<3).map { "| \($0) | done | {} | a,\"b |  | 1.5 |\n" }.joined(),
            "table": "seed  state  params  quoted  empty  real\n----  -----  ------  ------  -----  ----\n"
                + (0..<3).map { "\($0)     done   {}      a,\"b           1.5\n" }.joined(),
        ]
        #expect(output.stdout == expected[format], "\(output.stdout)")
    }
}
