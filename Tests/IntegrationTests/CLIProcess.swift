import Foundation

/// Runs the built `lstm-sweep` executable as a real process.
struct CLIProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle (`.build/<triple>/debug/lstm-sweep`).
    static var executable: URL? {
        let bundleFolder = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        let argumentFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = bundleFolder + [argumentFolder, packageFolder.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("lstm-sweep") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    let process = Process()
    private let out = Pipe()
    private let err = Pipe()

    /// Starts `lstm-sweep arguments…` in `folder`, with `environment` added to this process's.
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = folder
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    /// Waits for the exit and collects the output.
    func finish() -> Output {
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs to completion.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Output {
        try CLIProcess(arguments, in: folder, environment: environment).finish()
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lstm-sweep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
