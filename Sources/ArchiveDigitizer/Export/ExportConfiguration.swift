import Foundation

/// Settings of `digitize export`: the `export` section of the configuration file.
public struct ExportConfiguration: Sendable, Decodable, Equatable, ConfigurationSection {
    public static let sectionName = "export"

    /// `Source-Organization` written into bags' bag-info.txt.
    public var sourceOrganization: String = BagItWriter.defaultSourceOrganization

    public init() {}

    enum CodingKeys: String, CodingKey {
        case sourceOrganization = "source_organization"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sourceOrganization = try container.decodeIfPresent(String.self, forKey: .sourceOrganization)
            ?? BagItWriter.defaultSourceOrganization
    }
}
