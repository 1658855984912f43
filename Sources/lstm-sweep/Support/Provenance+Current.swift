import Foundation
import SweepCore

extension Provenance {
    /// The version of this build.
    static let version = "0.1.0"

    /// Where and by what this process runs trials: version, host name, build configuration.
    static let current: Provenance = {
        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        return Provenance(version: version, host: ProcessInfo.processInfo.hostName, build: build)
    }()
}
