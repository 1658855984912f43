import Foundation

/// Rows and named columns read from the database, ready to print in several formats.
public struct ResultTable: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        /// Text that is itself JSON (params, metrics): embedded as JSON, not as a string, in JSON output.
        case json(String)

        /// The cell as plain text for tables and CSV.
        public var text: String {
            switch self {
            case .null: ""
            case .integer(let value): String(value)
            case .real(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : Self.format(value)
            case .text(let value), .json(let value): value
            }
        }

        static func format(_ value: Double) -> String {
            let magnitude = abs(value)
            if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.4g", value) }
            var text = String(format: "%.4f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
    }

    /// Column names.
    public var columns: [String]
    /// Rows, each with one cell per column.
    public var rows: [[Cell]]

    /// Creates a table.
    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}
