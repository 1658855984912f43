import Foundation
import Synchronization
import SweepCore

/// Shows run progress on stderr: a redrawn bar on a terminal, a log line every few seconds otherwise.
final class ProgressReporter: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let logInterval: TimeInterval
    private let lastOutput = Mutex<Date?>(nil)
    private let lastLine = Mutex<String>("")

    /// Creates a reporter; `logInterval` applies when stderr is not a terminal.
    init(logInterval: TimeInterval = 5) {
        self.logInterval = logInterval
    }

    /// Reports one snapshot (throttled).
    func report(_ progress: RunProgress) {
        let now = Date()
        let due = lastOutput.withLock { last -> Bool in
            let interval = isTerminal ? 0.2 : logInterval
            guard last.map({ now.timeIntervalSince($0) >= interval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let line = Self.line(progress)
        lastLine.withLock { $0 = line }
        printError(isTerminal ? "\r" + bar(progress) + "\u{1B}[K" : line + "\n")
    }

    /// Ends the bar's line (terminal) and prints the final state.
    func finish(_ progress: RunProgress) {
        if isTerminal {
            printError("\r" + bar(progress) + "\u{1B}[K\n")
        } else if lastLine.withLock({ $0 }) != Self.line(progress) {
            printError(Self.line(progress) + "\n")
        }
    }

    private func bar(_ progress: RunProgress) -> String {
        let width = 30
        let fraction = progress.total > 0 ? Double(progress.finished) / Double(progress.total) : 1
        let filled = Int(fraction * Double(width))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + Self.line(progress)
    }

    static func line(_ progress: RunProgress) -> String {
        var text = "\(progress.finished)/\(progress.total) done, \(progress.successes) successes, "
            + "\(progress.running) running" + standing(progress.standings) + ", " + String(format: "%.1f trials/s", progress.rate)
        if let eta = progress.estimatedSecondsRemaining, progress.finished < progress.total {
            text += ", ETA " + duration(eta)
        }
        if progress.inLanes > 0 { text += ", \(progress.inLanes) in lanes" }
        if progress.stopping { text += " (stopping)" }
        return text
    }

    /// " (2.10M of 5M sequences)", " (1.20M-1.31M of 5M sequences)" for the running trials that told
    /// how far they are; "" when none did.
    static func standing(_ standings: [TrialStanding]) -> String {
        guard let low = standings.map(\.sequences).min(), let high = standings.map(\.sequences).max() else { return "" }
        let budgets = Set(standings.map(\.maxSequences))
        let span = low == high ? count(low) : count(low) + "-" + count(high)
        return " (" + span + (budgets.count == 1 ? " of " + count(budgets.first ?? 0) : "") + " sequences)"
    }

    /// 950 as "950", 12,500 as "12.5k", 2,104,000 as "2.10M", 5,000,000 as "5M".
    static func count(_ value: Int) -> String {
        func trimmed(_ x: Double, _ digits: Int) -> String {
            var text = String(format: "%.\(digits)f", x)
            while text.contains("."), text.hasSuffix("0") || text.hasSuffix(".") { text.removeLast() }
            return text
        }
        if value >= 1_000_000 { return trimmed(Double(value) / 1e6, 2) + "M" }
        if value >= 10_000 { return trimmed(Double(value) / 1e3, 1) + "k" }
        return String(value)
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
