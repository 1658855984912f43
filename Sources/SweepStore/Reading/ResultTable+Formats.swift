// Renderers of ResultTable: aligned text, Markdown, CSV (RFC 4180), JSON and JSON Lines.

import Foundation
import SweepCore

extension ResultTable {
    /// An output format.
    public enum Format: String, Sendable, CaseIterable {
        case table, markdown, csv, json, jsonl
    }

    /// The table rendered in `format`, ending with a newline.
    public func rendered(as format: Format) -> String {
        guard format != .table else { return alignedText() }
        let renderer = RowRenderer(columns: columns, format: format)
        return renderer.header + rows.enumerated().map { renderer.line($1, index: $0) }.joined()
            + renderer.footer(rowCount: rows.count)
    }

    /// Renders a table row by row, for the formats that need no look-ahead (all but `.table`, which
    /// aligns its columns to the widest cell): `header`, then `line(_:index:)` per row, then `footer`.
    public struct RowRenderer: Sendable {
        let table: ResultTable
        let format: Format

        /// A renderer of rows with these columns; `format` must not be `.table`.
        public init(columns: [String], format: Format) {
            precondition(format != .table, "the aligned table needs every row first")
            table = ResultTable(columns: columns, rows: [])
            self.format = format
        }

        /// What comes before the first row.
        public var header: String {
            switch format {
            case .markdown: table.markdownLine(table.columns) + table.markdownLine(table.columns.map { _ in "---" })
            case .csv: table.csvLine(table.columns)
            case .table, .json, .jsonl: ""
            }
        }

        /// One row, `index` counting from 0, with its line ending.
        public func line(_ row: [Cell], index: Int) -> String {
            switch format {
            case .markdown: table.markdownLine(row.map(\.text))
            case .csv: table.csvLine(row.map(\.text))
            case .json: (index == 0 ? "[" : ",\n ") + table.jsonObject(row)
            case .jsonl, .table: table.jsonObject(row) + "\n"
            }
        }

        /// What comes after the last of `rowCount` rows.
        public func footer(rowCount: Int) -> String {
            format == .json ? (rowCount == 0 ? "[]\n" : "]\n") : ""
        }
    }

    private func alignedText() -> String {
        let texts = rows.map { $0.map(\.text) }
        let widths = columns.indices.map { column in
            texts.reduce(columns[column].count) { max($0, $1[column].count) }
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return line(columns) + line(widths.map { String(repeating: "-", count: $0) }) + texts.map(line).joined()
    }

    func markdownLine(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }

    func csvLine(_ cells: [String]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cells.map(field).joined(separator: ",") + "\n"
    }

    func jsonObject(_ row: [Cell]) -> String {
        let members = zip(columns, row).map { name, cell in Self.jsonString(name) + ":" + Self.json(cell) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func json(_ cell: Cell) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): value.isFinite ? String(value) : "null"
        case .text(let value): jsonString(value)
        case .json(let value): value
        }
    }

    static func jsonString(_ text: String) -> String {
        ParameterValue.string(text).canonicalJSON
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
