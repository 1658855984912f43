import ArgumentParser
import Foundation

/// Bad input from the user: a file, a field or a flag. Printed as one line, exit status 2.
struct InputError: Error, CustomStringConvertible {
    /// The one-line message, naming the file, line or flag.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body`; an `InputError` becomes one line on stderr and exit status 2, before anything is written.
func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        throw badInput(error.description)
    }
}

/// The async form of `reportingInputErrors`.
func reportingInputErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as InputError {
        throw badInput(error.description)
    }
}
