import Foundation

/// A browser's session: who signed in (nil before sign-in) and the token every form it posts must carry.
struct RoomSession: Sendable {
    var token: String
    var account: Account?
    var csrfToken: String
    var lastUsed: Date
}

/// The reading room's sessions, in memory: a restart signs everyone out, which is the safe side.
///
/// Tokens are 32 random bytes from libcrypto; the cookie carries only the token (HttpOnly,
/// SameSite=Strict, Secure when configured). Called from every request thread, under one lock.
final class RoomSessions: @unchecked Sendable {
    // @unchecked Sendable: `sessions` is only touched while `lock` is held.
    private var sessions: [String: RoomSession] = [:]
    private let lock = NSLock()
    private let lifetime: TimeInterval

    static let cookieName = "digitize_session"

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// The live session the request's cookie names, touched; nil when it has none or it has expired.
    func session(for request: HTTPRequest) -> RoomSession? {
        guard let token = request.cookies[Self.cookieName] else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard var session = sessions[token] else { return nil }
        let now = Date()
        guard now.timeIntervalSince(session.lastUsed) < lifetime else {
            sessions[token] = nil
            return nil
        }
        session.lastUsed = now
        sessions[token] = session
        return session
    }

    /// A new session (a fresh token: signing in never keeps the token used before, against fixation).
    func open(for account: Account?) throws -> RoomSession {
        let session = RoomSession(token: try RandomBytes.token(), account: account, csrfToken: try RandomBytes.token(), lastUsed: Date())
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastUsed) < lifetime }
        sessions[session.token] = session
        return session
    }

    func close(_ token: String) {
        lock.lock()
        defer { lock.unlock() }
        sessions[token] = nil
    }

    /// The `Set-Cookie` value for `session`.
    func cookie(for session: RoomSession, secure: Bool) -> String {
        "\(Self.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
