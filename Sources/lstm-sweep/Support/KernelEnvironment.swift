import Foundation
import LSTMCore

/// Kernel-copy names typed by an operator: `--kernel` and `LSTM_SWEEP_KERNEL`, the latter checked before
/// any command runs. LSTMCore ignores an environment value it cannot use (a library must not exit), but
/// an operator who typed one wants to hear that it did nothing.
enum KernelEnvironment {
    /// The variant `value` names, or the one-line complaint (prefixed with `label`) if it names none
    /// or one this CPU cannot run.
    static func variant(named value: String, label: String) -> Result<KernelVariant, KernelNameError> {
        guard let variant = KernelVariant(rawValue: value) else {
            let known = KernelVariant.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(KernelNameError(message: "\(label): not a kernel copy (known: \(known))"))
        }
        guard variant.isSupported else {
            return .failure(KernelNameError(message: "\(label): this CPU cannot run the \(value) kernels"))
        }
        return .success(variant)
    }

    /// nil if `LSTM_SWEEP_KERNEL` is unset or names a kernel copy this CPU runs; else the complaint.
    static func problem(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let name = KernelVariant.environmentVariable
        guard let value = environment[name] else { return nil }
        if case .failure(let error) = variant(named: value, label: "\(name)=\(value)") { return error.message }
        return nil
    }
}

/// A kernel-copy name that names no copy this CPU runs.
struct KernelNameError: Error {
    var message: String
}
