import Foundation

/// Standard output or a file, written whole and atomically (nothing is left half-written).
struct OutputTarget {
    var path: String?

    func write(_ data: Data) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError("\(path): cannot write the file")
        }
    }
}
