import LSTMTasks
import Testing

/// Every preset's parameters, stated in the shared vocabulary, keep their exact ranges.
struct ParameterRangeTests {
    @Test(arguments: Preset.all.map(\.name))
    func everyRangeIsTheDefinitionsOwn(preset name: String) throws {
        let preset = try Preset.named(name)
        for definition in preset.schema(factory: .standard).parameters {
            switch (definition.kind, definition.range) {
            case (.int, .integer(let range)):
                #expect(Double(range.lowerBound) == definition.minimum ?? Double(Int.min), "\(definition.name)")
                #expect(Double(range.upperBound) == definition.maximum ?? Double(Int.max), "\(definition.name)")
                #expect(range.contains(definition.defaultValue.intValue ?? .min), "\(definition.name)")
            case (.real, .real(let range)):
                #expect(range.lowerBound == definition.minimum ?? -.greatestFiniteMagnitude, "\(definition.name)")
                #expect(range.upperBound == definition.maximum ?? .greatestFiniteMagnitude, "\(definition.name)")
            case (.bool, .boolean), (.realList, .realList):
                break
            case (.choice, .choice(let options)):
                #expect(options == definition.choices ?? [], "\(definition.name)")
                #expect(options.contains(definition.defaultValue.stringValue ?? ""), "\(definition.name)")
            default:
                Issue.record("\(definition.name): kind \(definition.kind) became \(definition.range)")
            }
        }
    }
}
