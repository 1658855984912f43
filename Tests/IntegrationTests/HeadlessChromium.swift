// Headless Chromium (Debian's `chromium` package) for the dashboard's browser test: loads a page,
// lets its timers and fetches run for a virtual-time budget, and returns the rendered DOM and the
// browser's console lines (`--enable-logging=stderr` prints each console message as ":CONSOLE").
//
// Chromium missing is a test failure, so CI cannot pass without the browser test. Locally,
// LSTM_SWEEP_SKIP_BROWSER=1 skips the browser tests instead (docs/dashboard.md, "The browser test").

import Foundation
import Testing

/// One headless Chromium run.
struct HeadlessChromium {
    /// Whether the environment asks to skip browser tests (LSTM_SWEEP_SKIP_BROWSER=1).
    static var skipped: Bool { ProcessInfo.processInfo.environment["LSTM_SWEEP_SKIP_BROWSER"] == "1" }

    /// `chromium` (or `chromium-browser`) on the PATH, or nil.
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// What a run gave back.
    struct Page {
        /// The DOM after the budget, serialised.
        var dom: String
        /// The console lines (messages and uncaught errors).
        var console: [String]
    }

    let binary: URL
    let profile: URL

    /// Finds Chromium, or records a failure saying how to install it.
    init?(profile: URL) {
        guard let binary = Self.executable else {
            Issue.record("chromium is not installed: `apt-get install chromium` (CI installs it in .ci/run), or set LSTM_SWEEP_SKIP_BROWSER=1 to skip locally")
            return nil
        }
        self.binary = binary
        self.profile = profile
    }

    /// Loads `url`, runs its scripts for `budget` ms of virtual time, and dumps the DOM (or, with `screenshot`, saves a PNG too).
    func load(_ url: String, budget: Int = 6000, screenshot: String? = nil, size: String = "1280,1600") throws -> Page {
        let process = Process()
        process.executableURL = binary
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=\(budget)", "--window-size=\(size)", "--hide-scrollbars",
        ]
        arguments += screenshot.map { ["--screenshot=\($0)"] } ?? ["--dump-dom"]
        process.arguments = arguments + [url]
        // stderr (the console lines) goes to a file, so only stdout is a pipe to drain while the browser runs.
        let log = profile.appendingPathComponent("chromium-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Page(
            dom: String(decoding: dom, as: UTF8.self),
            console: text.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init))
    }
}
