// Reads the SVG charts of `lstm-sweep plot` back with an XML parser (FoundationXML), for the plot
// and dashboard tests: the data points, by series, with the values they carry.

import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed chart.
struct SVGFile {
    /// One `<circle class="point">`.
    struct Point: Equatable {
        var series: String
        var x: Double
        var y: Double
        var low: Double?
        var high: Double?
        var hollow: Bool
    }

    let root: XMLElement

    init(_ text: String) throws {
        root = try #require(try XMLDocument(xmlString: text, options: []).rootElement())
    }

    init(contentsOf path: String) throws {
        try self.init(String(contentsOfFile: path, encoding: .utf8))
    }

    func elements(_ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    /// Texts of the elements whose class contains `name` (ticks, labels, legend entries).
    func texts(ofClass name: String) throws -> [String] {
        try elements("//*[contains(@class, '\(name)')]").compactMap(\.stringValue)
    }

    var points: [Point] {
        get throws {
            try elements("//*[@class='point']").map { element in
                func value(_ name: String) -> String? { element.attributes?.first { $0.name == name }?.stringValue }
                return Point(
                    series: value("data-series") ?? "", x: Double(value("data-x") ?? "") ?? .nan,
                    y: Double(value("data-y") ?? "") ?? .nan, low: value("data-low").flatMap(Double.init),
                    high: value("data-high").flatMap(Double.init), hollow: value("data-hollow") == "1")
            }
        }
    }
}
