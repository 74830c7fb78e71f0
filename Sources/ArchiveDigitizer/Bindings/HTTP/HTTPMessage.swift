import Foundation

/// One HTTP request as the reading room sees it, read by libmicrohttpd (`HTTPServer`): the path
/// already unescaped, query arguments decoded, header names lower-cased.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `HEAD`, …
    public var method: String
    /// The path without the query (`/documents/HN-TU.01.037.0001.001`).
    public var path: String
    /// Query arguments (`?q=…&lang=en`), decoded; an argument given without a value is "".
    public var query: [String: String]
    /// Request headers, names in lower case.
    public var headers: [String: String]
    /// The request body (a posted form), at most `HTTPServer.maximumBodySize` bytes.
    public var body: Data

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The cookies the browser sent (`Cookie: a=1; b=2`).
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for part in (headers["cookie"] ?? "").split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            cookies[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
        }
        return cookies
    }

    /// The fields of a posted `application/x-www-form-urlencoded` form, decoded by Foundation's
    /// URL components (`+` is a space there, as HTML forms write it).
    public var formFields: [String: String] {
        guard let text = String(data: body, encoding: .utf8) else { return [:] }
        var components = URLComponents()
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        var fields: [String: String] = [:]
        for item in components.queryItems ?? [] { fields[item.name] = item.value ?? "" }
        return fields
    }
}

/// What the reading room answers: a status, headers and a body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Headers in order; `Content-Type` is among them.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int = 200, contentType: String, body: Data, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
    }

    /// An HTML page in UTF-8.
    public static func html(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: Data(text.utf8))
    }

    /// A plain-text answer (errors for scripts).
    public static func text(_ text: String, status: Int) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Data(text.utf8))
    }

    /// A redirect after a form (303 See Other: the browser follows with a GET).
    public static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: 303, contentType: "text/plain; charset=utf-8", body: Data(), headers: [("Location", location)])
    }

    /// Adds a header.
    public func adding(_ name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
