/// An error of the SQLite store or its read-only reader, with a one-line description.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The database file does not exist (readers never create one).
        case missingDatabase
        /// A statement tried to write through the read-only connection.
        case readOnly
        /// SQLite refused a statement (syntax, unknown table, …).
        case sql
        /// A report was asked for something the database does not have.
        case badRequest
        /// The named sweep does not exist.
        case notFound
    }
    /// The kind of error.
    public var code: Code
    /// One line for the user.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The detail.
    public var description: String { detail }
}
