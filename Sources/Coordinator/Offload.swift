// Runs blocking or CPU-heavy work (the read-only report connection, parsing and expanding a big
// sweep file) on a Dispatch thread, so route handlers never hold a thread of the cooperative pool.

import Dispatch

/// Runs `work` on a global Dispatch queue and resumes with its value or error.
func offload<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
