import ArgumentParser
import Foundation
import LSTMCore

/// `LSTM_SWEEP_KERNEL`, checked before any command runs: LSTMCore ignores a value it cannot use (a
/// library must not exit), but an operator who typed one wants to hear that it did nothing.
enum KernelEnvironment {
    static let name = "LSTM_SWEEP_KERNEL"

    /// nil if the variable is unset or names a kernel copy this CPU runs; else the one-line complaint.
    static func problem(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let value = environment[name] else { return nil }
        guard let variant = KernelVariant(rawValue: value) else {
            let known = KernelVariant.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(name)=\(value): not a kernel copy (known: \(known))"
        }
        return variant.isSupported ? nil : "\(name)=\(value): this CPU cannot run the \(value) kernels"
    }
}
