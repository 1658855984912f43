import Foundation
import Testing

/// The layout rule of architecture.md §2, read from the sources: the numerics and the sweep system never
/// import each other; the numerics import nothing but the standard library, each other and the shared
/// vocabulary; the vocabulary imports nothing at all (SwiftPM alone does not stop an undeclared import
/// of a module built in the same package).
struct LayeringTests {
    /// Sources/ of the package.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The modules each Swift file under Sources/`module` imports, by path below the module's folder.
    static func imports(of module: String) throws -> [String: Set<String>] {
        let folder = sources.appendingPathComponent(module)
        var result: [String: Set<String>] = [:]
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path)  // every sub-folder too
        for name in names where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let modules = text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ").filter { !["@testable", "@_exported", "public", "package", "internal"].contains($0) }
                guard words.count >= 2, words[0] == "import" else { return nil }
                return String(words[words.count - 1].split(separator: ".")[0])
            }
            result[name] = Set(modules)
        }
        return result
    }

    static let numerics = ["LSTMKernels", "LSTMKernelsHaswell", "LSTMKernelsFloat", "LSTMKernelsFloatHaswell", "LSTMCore", "LSTMTasks"]
    static let sweeps = ["SweepCore", "SweepStore", "Coordinator", "Worker"]
    static let vocabulary = "TrialVocabulary"

    @Test func theVocabularyImportsNothingAndBothHalvesReExportIt() throws {
        let files = try Self.imports(of: Self.vocabulary)
        #expect(!files.isEmpty)
        for (file, modules) in files { #expect(modules.isEmpty, "\(Self.vocabulary)/\(file) imports \(modules.sorted())") }
        for module in ["SweepCore", "LSTMCore", "LSTMTasks"] {
            #expect(try Self.imports(of: module).values.contains { $0.contains(Self.vocabulary) }, "\(module)")
        }
    }

    @Test(arguments: numerics)
    func numericsImportOnlyTheStandardLibraryAndEachOther(module: String) throws {
        let files = try Self.imports(of: module)
        #expect(!files.isEmpty)
        for (file, modules) in files {
            // CPUFeatures reads the CPU's flags from the OS: the one documented exception.
            let allowed = Set(Self.numerics + [Self.vocabulary]).union(file.hasSuffix("CPUFeatures.swift") ? ["Glibc", "Darwin"] : [])
            #expect(modules.isSubset(of: allowed), "\(module)/\(file) imports \(modules.subtracting(allowed).sorted())")
        }
    }

    @Test(arguments: sweeps)
    func sweepSystemNeverImportsTheNumerics(module: String) throws {
        let files = try Self.imports(of: module)
        #expect(!files.isEmpty)
        for (file, modules) in files {
            #expect(modules.isDisjoint(with: Self.numerics), "\(module)/\(file) imports \(modules.intersection(Self.numerics).sorted())")
        }
    }
}
