// What the CPU offers, read once from the operating system: the kernel copy LSTMNetwork runs depends on
// it. On Linux the kernel's own list (/proc/cpuinfo "flags", which omits AVX when the OS does not save
// the AVX registers); on macOS the hw.optional.avx2_0 sysctl.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU features the kernel choice needs.
struct CPUFeatures {
    /// The feature flags, as the OS names them.
    let flags: Set<String>

    /// This machine's features.
    static let current = CPUFeatures(flags: readFlags())

    /// Everything LLVM's "haswell" CPU may use: the x86-64-v3 level (AVX, AVX2, BMI1, BMI2, F16C, FMA,
    /// LZCNT (Linux: "abm"), MOVBE, XSAVE, and v2's POPCNT, SSE4.2) plus AES, PCLMUL, RDRAND, FSGSBASE.
    var hasHaswell: Bool {
        Self.haswellFlags.allSatisfy(flags.contains)
    }

    /// The /proc/cpuinfo names of the features `hasHaswell` needs.
    static let haswellFlags = [
        "avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave", "popcnt", "sse4_2", "aes",
        "pclmulqdq", "rdrand", "fsgsbase",
    ]

    /// The value of an environment variable, if set.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The first "flags" line of /proc/cpuinfo (Linux), or the Haswell set if the Mac has AVX2.
    static func readFlags() -> Set<String> {
        #if os(Linux)
            guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
            defer { fclose(file) }
            var line: UnsafeMutablePointer<CChar>? = nil
            var capacity = 0
            defer { free(line) }
            while getline(&line, &capacity, file) > 0, let text = line.map({ String(cString: $0) }) {
                guard text.hasPrefix("flags") else { continue }
                let values = text.split(separator: ":", maxSplits: 1).dropFirst().first ?? ""
                return Set(values.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
            }
            return []
        #elseif os(macOS) && arch(x86_64)
            // Every Mac with AVX2 is a Haswell or later, which has the whole set.
            var value: Int32 = 0
            var size = MemoryLayout<Int32>.size
            let hasAVX2 = sysctlbyname("hw.optional.avx2_0", &value, &size, nil, 0) == 0 && value != 0
            return hasAVX2 ? Set(haswellFlags) : []
        #else
            return []
        #endif
    }
}
