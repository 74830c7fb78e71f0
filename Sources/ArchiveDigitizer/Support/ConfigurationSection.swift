import Foundation

/// One verb's section of `config/digitize.json` (`run`, `backlog`, `export`).
///
/// The file is shared by every verb, so each reads only its own section and ignores the others;
/// a missing section or key means the default, so a short file stays valid as settings are added.
public protocol ConfigurationSection: Decodable {
    /// The section's key in the file.
    static var sectionName: String { get }
    /// The defaults, used where the file is silent.
    init()
    /// Throws when a value would make the verb's work meaningless; called after loading.
    func validate(path: String) throws
}

extension ConfigurationSection {
    public func validate(path: String) throws {}

    /// Reads this section of the configuration file at `url` (defaults where it is absent) and checks it.
    public static func load(from url: URL) throws -> Self {
        let section: Self
        do {
            section = try JSONDecoder().decode(SectionOfFile<Self>.self, from: Data(contentsOf: url)).section ?? Self()
        } catch let error as DecodingError {
            throw ConfigurationError(path: url.path, reason: "the \(sectionName) section is not valid: \(error)")
        } catch {
            throw ConfigurationError(path: url.path, reason: error.localizedDescription)
        }
        try section.validate(path: url.path)
        return section
    }
}

/// Why a configuration file cannot be used; exit code 78 (EX_CONFIG).
public struct ConfigurationError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "The configuration \(path) cannot be used: \(reason)" }
}

/// The whole file seen through one section's key.
private struct SectionOfFile<Section: ConfigurationSection>: Decodable {
    let section: Section?

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        section = try container.decodeIfPresent(Section.self, forKey: Key(Section.sectionName))
    }
}
