import Foundation
import LSTMCore
import SweepCore

extension Provenance {
    /// The version of this build.
    static let version = "0.1.0"

    /// Where and by what this process runs trials: version, host name, and the build configuration with
    /// the kernel copy this CPU runs (e.g. "release kernels=haswell"), which explains a host's speed
    /// figures; the outcomes themselves are the same bits on either copy.
    static let current: Provenance = {
        #if DEBUG
            let configuration = "debug"
        #else
            let configuration = "release"
        #endif
        let build = "\(configuration) kernels=\(KernelVariant.preferred.rawValue)"
        return Provenance(version: version, host: ProcessInfo.processInfo.hostName, build: build)
    }()

    /// ``current`` for a trial that ran in SIMD lanes (its build says "… lanes"): the same outcome,
    /// other timing figures.
    static let inLanes: Provenance = {
        var provenance = current
        provenance.build = (provenance.build ?? "") + " lanes"
        return provenance
    }()
}
