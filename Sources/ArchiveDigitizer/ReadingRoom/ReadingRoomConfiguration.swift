import Foundation

/// The `serve` section of `config/digitize.json`: how the reading room is opened.
public struct ReadingRoomConfiguration: Sendable, Codable, Equatable, ConfigurationSection {
    public static let sectionName = "serve"

    /// Where to listen; loopback unless an administrator opens it on purpose.
    public var listen: String = "127.0.0.1:8080"
    /// Whether anyone may search and read unmarked documents without signing in.
    public var anonymousReading: Bool = false
    /// Whether the session cookie is marked `Secure` (set it when the room is behind a TLS reverse proxy).
    public var secureCookies: Bool = false
    /// Hours a session lasts without use.
    public var sessionHours: Double = 8
    /// Threads answering requests.
    public var threads: Int = 8

    public init() {}

    enum CodingKeys: String, CodingKey {
        case listen, threads
        case anonymousReading = "anonymous_reading"
        case secureCookies = "secure_cookies"
        case sessionHours = "session_hours"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        listen = try container.decodeIfPresent(String.self, forKey: .listen) ?? listen
        anonymousReading = try container.decodeIfPresent(Bool.self, forKey: .anonymousReading) ?? anonymousReading
        secureCookies = try container.decodeIfPresent(Bool.self, forKey: .secureCookies) ?? secureCookies
        sessionHours = try container.decodeIfPresent(Double.self, forKey: .sessionHours) ?? sessionHours
        threads = try container.decodeIfPresent(Int.self, forKey: .threads) ?? threads
    }

    public func validate(path: String) throws {
        guard threads >= 1 && threads <= 256 else { throw ConfigurationError(path: path, reason: "serve.threads must be 1…256") }
        guard sessionHours > 0 else { throw ConfigurationError(path: path, reason: "serve.session_hours must be above 0") }
        do { _ = try ListeningAddress(parsing: listen) } catch {
            throw ConfigurationError(path: path, reason: "serve.listen: \(error)")
        }
    }
}
