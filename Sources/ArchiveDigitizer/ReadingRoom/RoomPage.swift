import Foundation

/// The frame every reading-room page shares: language, title, navigation, the signed-in account,
/// and the style sheet served from the program (`/static/room.css`; no inline style or script, so the
/// Content-Security-Policy can forbid both).
struct RoomPage {
    var language: MessageLanguage
    var account: Account?
    var csrfToken: String?

    func t(_ key: String, _ arguments: String...) -> String { MessageCatalogue.text(key, language, arguments) }

    /// `text` escaped for HTML.
    func e(_ text: String) -> String { MarkupText.escape(text) }

    /// A link inside the room that keeps an explicit `?lang=en`.
    func link(_ path: String, _ query: [(String, String)] = []) -> String {
        var items = query.filter { !$0.1.isEmpty }
        if language == .english { items.append(("lang", "en")) }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return path + "?" + encoded
    }

    /// The hidden field that carries the session's CSRF token in a form.
    var csrfField: String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(e(csrfToken ?? ""))\">"
    }

    func render(title: String, body: String) -> String {
        var navigation = ["<a href=\"\(link("/"))\">\(e(t("room.search")))</a>"]
        if let account, account.role >= .reviewer {
            navigation.append("<a href=\"\(link("/review"))\">\(e(t("room.review.queue")))</a>")
            navigation.append("<a href=\"\(link("/progress"))\">\(e(t("room.progress")))</a>")
        }
        let other = language == .vietnamese ? "<a href=\"?lang=en\" hreflang=\"en\">English</a>" : "<a href=\"?lang=vi\" hreflang=\"vi\">Tiếng Việt</a>"
        var who = ""
        if let account {
            who = "<span class=\"who\">\(e(t("room.signedInAs", account.name, t("room.role.\(account.role.rawValue)"))))</span>"
                + "<form method=\"post\" action=\"/logout\" class=\"inline\">\(csrfField)<button>\(e(t("room.logout")))</button></form>"
        } else {
            who = "<a href=\"\(link("/login"))\">\(e(t("room.login")))</a>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title)) — \(e(t("room.title")))</title><link rel="stylesheet" href="/static/room.css"></head>
        <body><header><strong>\(e(t("room.title")))</strong> <nav>\(navigation.joined(separator: " "))</nav>
        <span class="account">\(who) \(other)</span></header>
        <main>
        \(body)
        </main></body></html>
        """
    }

    /// The room's only style sheet.
    static let styleSheet = """
    body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #1b1b1b; background: #fafaf7; }
    header { background: #7a1f1f; color: #fff; padding: .6em 1em; display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; }
    header a, header button { color: #fff; }
    header nav a { margin-right: 1em; }
    header .account { margin-left: auto; }
    main { padding: 1em 1.5em; max-width: 75em; }
    form.inline { display: inline; }
    button { cursor: pointer; }
    header button { background: none; border: 1px solid #fff; border-radius: 3px; }
    .search-form input[type=search] { width: 30em; max-width: 90%; font-size: 1.1em; padding: .3em; }
    .filters label { margin-right: 1em; }
    ol.results li { margin-bottom: 1em; }
    mark { background: #ffe066; padding: 0 .1em; }
    .meta { color: #555; font-size: .9em; }
    table { border-collapse: collapse; }
    td, th { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
    .low { color: #a40000; font-weight: bold; }
    .corrected { color: #005a9c; }
    .pages figure { margin: 1em 0; }
    .pages svg { max-width: 100%; height: auto; border: 1px solid #999; background: #fff; }
    .pages rect.hit { fill: #ffd400; fill-opacity: .35; stroke: #e03000; stroke-width: 6; }
    .error { color: #a40000; }
    .notice { color: #1a6b1a; }
    .paging a { margin-right: 1em; }
    """
}
