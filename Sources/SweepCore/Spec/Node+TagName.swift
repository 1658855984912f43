import Yams

extension Node {
    /// The resolved YAML tag (`int`, `float`, `bool`, `str`, `null`, …); Yams keeps `Tag.name` internal.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }
}
