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
        switch format {
        case .table: alignedText()
        case .markdown: markdown()
        case .csv: csv()
        case .json: "[" + rows.map(jsonObject).joined(separator: ",\n ") + "]\n"
        case .jsonl: rows.map { jsonObject($0) + "\n" }.joined()
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

    private func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return line(columns) + line(columns.map { _ in "---" }) + rows.map { line($0.map(\.text)) }.joined()
    }

    private func csv() -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([columns] + rows.map { $0.map(\.text) }).map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    private func jsonObject(_ row: [Cell]) -> String {
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
