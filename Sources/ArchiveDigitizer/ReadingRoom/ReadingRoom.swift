import Foundation

/// The reading room and review desk (`digitize serve`, issue #15): the archive in a browser, in
/// Vietnamese first, served by `HTTPServer` from the catalogue and the archive's PDFs.
///
/// Every page is rendered here as HTML (no script; one style sheet from the program), everything from
/// scans escaped (`MarkupText`), and every response carries a strict Content-Security-Policy. Nothing
/// but `/login` and `/static/` is served without a signed-in session unless the configuration opens
/// anonymous reading of unmarked documents. Documents bearing a security mark above the reader's
/// clearance are not found, counted, listed or shown (404, as if absent), and every view of a marked
/// document is recorded in the ledger first (no record, no view).
///
/// `respond(to:)` is called on libmicrohttpd's threads, several at once; the state it shares
/// (sessions, catalogue connections) is behind locks in `RoomSessions` and `CataloguePool`.
public final class ReadingRoom: Sendable {
    let pool: CataloguePool
    let sessions: RoomSessions
    public let configuration: ReadingRoomConfiguration
    let progressConfiguration: ProgressConfiguration
    let archive: URL
    let store: StoreLocation

    /// A room over the archive at `archive` whose catalogue is in `store`. Opens the catalogue for
    /// writing once, which brings its schema up to date (the accounts and corrections tables).
    public init(archive: URL, store: StoreLocation, configuration: ReadingRoomConfiguration,
                progress: ProgressConfiguration = ProgressConfiguration()) throws {
        let folder = archive.standardizedFileURL
        self.archive = folder
        self.store = store
        self.configuration = configuration
        progressConfiguration = progress
        sessions = RoomSessions(lifetime: configuration.sessionHours * 3600)
        pool = CataloguePool { readOnly in try Catalogue(store: store, archive: folder, readOnly: readOnly) }
        try pool.writing { _ in }
    }

    static let pageSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// The progress dashboard is `digitize progress --html`'s self-contained page: inline style and SVG, still no script.
    static let dashboardSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

    /// Answers one request; never throws: a failure becomes an error page.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let language = MessageLanguage.ofBrowser(query: request.query["lang"], acceptLanguage: request.headers["accept-language"])
        let session = sessions.session(for: request)
        var frame = RoomPage(language: language, account: session?.account, csrfToken: session?.csrfToken)
        var response: HTTPResponse
        do {
            response = try route(request, session: session, frame: &frame)
        } catch {
            response = .html(frame.render(title: "500", body: "<p class=\"error\">\(frame.e(frame.t("room.error", "\(error)")))</p>"), status: 500)
        }
        let policy = response.headers.first { $0.name == "Content-Security-Policy" } == nil
        if policy { response = response.adding("Content-Security-Policy", Self.pageSecurityPolicy) }
        return response.adding("X-Content-Type-Options", "nosniff").adding("Referrer-Policy", "no-referrer")
            .adding("X-Frame-Options", "DENY").adding("Cache-Control", "no-store")
    }

    /// Who is reading: the signed-in account, or, when anonymous reading is open, an unnamed reader
    /// cleared for unmarked documents only; nil when neither.
    private func reader(_ session: RoomSession?) -> Account? {
        if let account = session?.account { return account }
        return configuration.anonymousReading ? Account(name: "", role: .reader, clearance: .unmarked) : nil
    }

    private func route(_ request: HTTPRequest, session: RoomSession?, frame: inout RoomPage) throws -> HTTPResponse {
        let path = request.path
        if path == "/static/room.css" {
            return HTTPResponse(contentType: "text/css; charset=utf-8", body: Data(RoomPage.styleSheet.utf8))
        }
        if request.method == "POST" {
            // Every form carries the session's token; a post without it (or from another site) is refused.
            guard let session, let sent = request.formFields["csrf"], Self.isSame(sent, session.csrfToken) else {
                return .html(frame.render(title: "403", body: "<p class=\"error\">\(frame.e(frame.t("room.csrf")))</p>"), status: 403)
            }
            if path == "/login" { return try signIn(request, session: session, frame: frame) }
            if path == "/logout" {
                sessions.close(session.token)
                return .redirect(to: "/login")
            }
        }
        if path == "/login" { return try loginForm(request, session: session, frame: &frame, failed: false) }
        guard let reader = reader(session) else {
            if path.hasPrefix("/api/") { return .text("Sign in first (POST /login).\n", status: 401) }
            return .redirect(to: "/login?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        switch (request.method, path) {
        case ("GET", "/"), ("GET", "/search"), ("HEAD", "/"), ("HEAD", "/search"):
            return try searchPage(request, reader: reader, frame: frame)
        case ("GET", "/api/search"):
            return try apiSearch(request, reader: reader)
        case ("GET", "/review"):
            guard reader.role >= .reviewer else { return forbidden(frame) }
            return try reviewQueue(reader: reader, frame: frame)
        case ("GET", "/progress"):
            guard reader.role >= .reviewer else { return forbidden(frame) }
            return try dashboard(language: frame.language)
        default: break
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if request.method == "GET", parts.count == 2, parts[0] == "files" {
            return try filePage(code: parts[1], reader: reader, frame: frame)
        }
        if parts.count >= 2, parts[0] == "documents" {
            return try documentRoute(request, parts: Array(parts.dropFirst()), reader: reader, frame: frame)
        }
        return notFound(frame)
    }

    func notFound(_ frame: RoomPage) -> HTTPResponse {
        .html(frame.render(title: "404", body: "<p class=\"error\">\(frame.e(frame.t("room.notFound")))</p>"), status: 404)
    }

    func forbidden(_ frame: RoomPage) -> HTTPResponse {
        .html(frame.render(title: "403", body: "<p class=\"error\">\(frame.e(frame.t("room.forbidden")))</p>"), status: 403)
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func isSame(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: Signing in

    private func loginForm(_ request: HTTPRequest, session: RoomSession?, frame: inout RoomPage, failed: Bool) throws -> HTTPResponse {
        // The form needs a session to carry its CSRF token: an anonymous one until sign-in.
        let current = try session ?? sessions.open(for: nil)
        frame.csrfToken = current.csrfToken
        let next = Self.safeNext(request.query["next"] ?? request.formFields["next"] ?? "/")
        let page = LoginPageView(frame: frame, failed: failed, next: next).render()
        return .html(page, status: failed ? 403 : 200).adding("Set-Cookie", sessions.cookie(for: current, secure: configuration.secureCookies))
    }

    private func signIn(_ request: HTTPRequest, session: RoomSession, frame: RoomPage) throws -> HTTPResponse {
        let fields = request.formFields
        let account = try pool.reading { try $0.authenticate(name: fields["name"] ?? "", password: fields["password"] ?? "") }
        guard let account else {
            var frame = frame
            return try loginForm(request, session: session, frame: &frame, failed: true)
        }
        sessions.close(session.token)
        let signedIn = try sessions.open(for: account)
        return HTTPResponse.redirect(to: Self.safeNext(fields["next"] ?? "/"))
            .adding("Set-Cookie", sessions.cookie(for: signedIn, secure: configuration.secureCookies))
    }

    /// Where to go after sign-in: only a path of this site (never `//elsewhere` or a full address).
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/"
    }

    // MARK: Search

    private func filters(_ query: [String: String], reader: Account) throws -> SearchFilters {
        var filters = try SearchFilters(type: query["type"], from: query["from"].flatMap { $0.isEmpty ? nil : $0 },
                                        to: query["to"].flatMap { $0.isEmpty ? nil : $0 }, issuer: query["issuer"])
        filters.hiddenMarks = reader.clearance.hiddenMarks
        return filters
    }

    private func searchPage(_ request: HTTPRequest, reader: Account, frame: RoomPage) throws -> HTTPResponse {
        let asked = RoomSearchRequest(request.query)
        var view = SearchPageView(frame: frame, request: asked)
        guard !asked.words.trimmingCharacters(in: .whitespaces).isEmpty else { return .html(view.render()) }
        do {
            let query = try SearchQuery(asked.words)
            let filters = try filters(request.query, reader: reader)
            view.results = try pool.reading { catalogue in
                try catalogue.makeSearch().search(query, filters: filters, limit: asked.page * RoomSearchRequest.resultsPerPage)
            }
        } catch let error as SearchError {
            view.error = error.description
        }
        return .html(view.render())
    }

    /// `/api/search?q=…[&limit=N&type=…&from=…&to=…&issuer=…]`: exactly `digitize search --json`'s JSON,
    /// of the documents this reader may see.
    private func apiSearch(_ request: HTTPRequest, reader: Account) throws -> HTTPResponse {
        let json = "application/json; charset=utf-8"
        do {
            let query = try SearchQuery(request.query["q"] ?? "")
            let filters = try filters(request.query, reader: reader)
            let limit = max(0, min(Int(request.query["limit"] ?? "") ?? 20, 1000))
            let results = try pool.reading { try $0.makeSearch().search(query, filters: filters, limit: limit) }
            return HTTPResponse(contentType: json, body: Data(results.json.rendered().utf8))
        } catch let error as SearchError {
            let body = JSONValue.object([("error", .string(error.description))]).rendered()
            return HTTPResponse(status: 400, contentType: json, body: Data(body.utf8))
        }
    }

    // MARK: Files, review, progress

    private func filePage(code: String, reader: Account, frame: RoomPage) throws -> HTTPResponse {
        let found: (String, [RoomDocument])? = try pool.reading { catalogue in
            guard let row = try catalogue.connection.query("SELECT coalesce(title, derived_title, '') FROM files WHERE code = ?", [.text(code)]).first else {
                return nil
            }
            return (row[0].string ?? "", try catalogue.roomDocuments(fileCode: code))
        }
        guard let (title, documents) = found else { return notFound(frame) }
        let visible = documents.filter { reader.mayRead($0.level) }
        return .html(FilePageView(frame: frame, fileCode: code, fileTitle: title, documents: visible).render())
    }

    private func reviewQueue(reader: Account, frame: RoomPage) throws -> HTTPResponse {
        let (documents, corrections) = try pool.reading { catalogue in
            (try catalogue.allRoomDocuments(),
             try catalogue.connection.query("SELECT file_code, first_page, field FROM corrections").map {
                 ("\($0[0].string ?? "")\u{0}\($0[1].int ?? 0)", $0[2].string ?? "")
             })
        }
        let reviewed = Set(corrections.filter { $0.1 == "reviewed" }.map(\.0))
        let corrected = Set(corrections.map { "\($0.0)\u{0}\($0.1)" })
        let entries = ReviewQueueView.entries(of: documents.filter { reader.mayRead($0.level) }, reviewed: reviewed,
                                              corrected: corrected, language: frame.language)
        return .html(ReviewQueueView(frame: frame, entries: entries).render())
    }

    /// Today's progress report, made afresh at each request (the page reloads itself every minute).
    private func dashboard(language: MessageLanguage) throws -> HTTPResponse {
        let report = try pool.reading { catalogue in
            try ProgressReport.make(catalogue: catalogue, archive: archive.path, store: store, configuration: progressConfiguration,
                                    language: language)
        }
        var page = ProgressHTMLPage(report: report, language: language).render()
        if let head = page.range(of: "<head>") {
            page.replaceSubrange(head, with: "<head><meta http-equiv=\"refresh\" content=\"60\">")
        }
        return HTTPResponse.html(page).adding("Content-Security-Policy", Self.dashboardSecurityPolicy)
    }
}
