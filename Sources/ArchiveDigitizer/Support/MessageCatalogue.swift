import Foundation

/// The languages messages are written in: English (the command line's default) and Vietnamese
/// (the reading room's default, and the command line's under a Vietnamese locale or `--lang vi`).
public enum MessageLanguage: String, Sendable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"

    /// The language of the command line: `--lang` if given, else the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, in POSIX order) when it is Vietnamese, else English.
    public static func ofCommandLine(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> MessageLanguage {
        if let option, let chosen = MessageLanguage(code: option) { return chosen }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("vi") ? .vietnamese : .english }
        }
        return .english
    }

    /// `vi`, `vi-VN`, `vi_VN.UTF-8` → Vietnamese; `en…` → English; nil for anything else.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("vi") { self = .vietnamese } else if lower.hasPrefix("en") { self = .english } else { return nil }
    }

    /// The reading room's language: `?lang=` if given, else the first of the browser's `Accept-Language`
    /// that is Vietnamese or English, else Vietnamese.
    public static func ofBrowser(query: String?, acceptLanguage: String?) -> MessageLanguage {
        if let query, let chosen = MessageLanguage(code: query) { return chosen }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let code = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if let chosen = MessageLanguage(code: code) { return chosen }
        }
        return .vietnamese
    }
}

/// Every message an archivist reads, in Vietnamese and English, in one place (`MessageCatalogue.entries`),
/// so a translation is checked and changed here only. `%@` stands for an argument, in order.
public enum MessageCatalogue {
    /// The message `key` in `language`, its `%@` replaced by `arguments` in order; the key itself if unknown.
    public static func text(_ key: String, _ language: MessageLanguage, _ arguments: [String] = []) -> String {
        guard let entry = entries[key] else { return key }
        var output = language == .vietnamese ? entry.vi : entry.en
        for argument in arguments {
            guard let range = output.range(of: "%@") else { break }
            output.replaceSubrange(range, with: argument)
        }
        return output
    }

    /// A date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) as readers write it: "ngày 18 tháng 02 năm 2025"
    /// (Nghị định 30/2020's date line: day and month below 10 with a leading zero), "18 February 2025".
    /// Anything else is returned as it is.
    public static func date(_ iso: String, _ language: MessageLanguage) -> String {
        let parts = iso.prefix(10).split(separator: "-").map(String.init)
        guard let year = parts.first, year.count == 4, parts.allSatisfy({ Int($0) != nil }) else { return iso }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        switch (language, parts.count) {
        case (.vietnamese, 3): return "ngày \(parts[2]) tháng \(parts[1]) năm \(year)"
        case (.vietnamese, 2): return "tháng \(parts[1]) năm \(year)"
        case (.vietnamese, _): return "năm \(year)"
        case (.english, 3):
            let month = Int(parts[1]).flatMap { (1...12).contains($0) ? months[$0 - 1] : nil } ?? parts[1]
            return "\(Int(parts[2]) ?? 0) \(month) \(year)"
        case (.english, 2):
            return (Int(parts[1]).flatMap { (1...12).contains($0) ? months[$0 - 1] : nil } ?? parts[1]) + " \(year)"
        case (.english, _): return year
        }
    }

    /// A number with the thousands separator each language uses (1.234 / 1,234).
    public static func number(_ value: Int, _ language: MessageLanguage) -> String {
        let digits = String(abs(value))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: language == .vietnamese ? "." : ",")
    }

    static let entries: [String: (vi: String, en: String)] = [
        // Reading room
        "room.title": ("Phòng đọc lưu trữ", "Archive reading room"),
        "room.search": ("Tìm kiếm", "Search"),
        "room.search.placeholder": ("Từ cần tìm (có dấu hoặc không dấu)", "Words to find (with or without diacritics)"),
        "room.search.type": ("Loại văn bản", "Document type"),
        "room.search.from": ("Từ ngày", "From"),
        "room.search.to": ("Đến ngày", "To"),
        "room.search.issuer": ("Cơ quan ban hành", "Issuing body"),
        "room.search.total": ("%@ trang khớp với “%@”", "%@ page(s) match “%@”"),
        "room.search.totalAtLeast": ("Có ít nhất %@ trang khớp với “%@”", "At least %@ pages match “%@”"),
        "room.search.capped": ("Quá nhiều trang để xếp hạng hết: đây là những trang khớp nhất trong %@ trang tìm thấy đầu tiên (theo thứ tự lưu). Thêm từ hoặc bộ lọc để thu hẹp.",
                               "Too many pages to rank them all: these are the best of the first %@ found (in the order they were stored). Add a word or a filter to narrow the search."),
        "room.search.none": ("Không có trang nào khớp với “%@”.", "No page matches “%@”."),
        "room.search.bad": ("Không tìm được: %@", "Cannot search: %@"),
        "room.search.previous": ("← Trang trước", "← Previous"),
        "room.search.next": ("Trang sau →", "Next →"),
        "room.search.showing": ("Kết quả %@–%@", "Results %@–%@"),
        "room.page": ("trang %@", "page %@"),
        "room.pdfPage": ("trang %@ của PDF", "PDF page %@"),
        "room.openPDF": ("Mở PDF tại trang này", "Open the PDF at this page"),
        "room.noDocument": ("(chưa chia văn bản)", "(no document yet)"),
        "room.document": ("Văn bản", "Document"),
        "room.file": ("Hồ sơ", "File"),
        "room.files": ("Hồ sơ", "Files"),
        "room.field": ("Trường", "Field"),
        "room.value": ("Giá trị", "Value"),
        "room.confidence": ("Độ tin cậy", "Confidence"),
        "room.review": ("Kiểm tra", "Review"),
        "room.review.needed": ("cần kiểm tra", "to review"),
        "room.review.corrected": ("đã sửa bởi %@", "corrected by %@"),
        "room.review.reviewed": ("Đã kiểm tra bởi %@ (%@)", "Reviewed by %@ (%@)"),
        "room.review.queue": ("Danh sách cần kiểm tra", "Review queue"),
        "room.review.empty": ("Không có văn bản nào cần kiểm tra.", "No document needs review."),
        "room.review.worst": ("Độ tin cậy thấp nhất", "Lowest confidence"),
        "room.review.reasons": ("Lý do", "Why"),
        "room.pages": ("Các trang", "Pages"),
        "room.pageCount": ("%@ trang", "%@ page(s)"),
        "room.documents": ("Văn bản trong hồ sơ", "Documents in the file"),
        "room.progress": ("Tiến độ số hóa", "Digitization progress"),
        "room.login": ("Đăng nhập", "Sign in"),
        "room.logout": ("Đăng xuất", "Sign out"),
        "room.login.name": ("Tên đăng nhập", "Account name"),
        "room.login.password": ("Mật khẩu", "Password"),
        "room.login.failed": ("Tên đăng nhập hoặc mật khẩu không đúng.", "The account name or the password is wrong."),
        "room.signedInAs": ("Đăng nhập: %@ (%@)", "Signed in: %@ (%@)"),
        "room.role.reader": ("độc giả", "reader"),
        "room.role.reviewer": ("người kiểm tra", "reviewer"),
        "room.role.administrator": ("quản trị", "administrator"),
        "room.notFound": ("Không tìm thấy trang này.", "This page does not exist."),
        "room.forbidden": ("Bạn không có quyền xem nội dung này.", "You may not see this."),
        "room.csrf": ("Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và gửi lại.",
                      "The form has expired or is not valid; reload the page and send it again."),
        "room.error": ("Có lỗi khi đọc danh mục: %@", "The catalogue could not be read: %@"),
        "room.correct": ("Sửa trường", "Correct a field"),
        "room.correct.reason": ("Lý do", "Reason"),
        "room.correct.save": ("Lưu sửa đổi", "Save the correction"),
        "room.markReviewed": ("Đánh dấu đã kiểm tra", "Mark as reviewed"),
        "room.split": ("Tách văn bản tại trang", "Split the document at page"),
        "room.merge": ("Gộp với văn bản sau", "Merge with the next document"),
        "room.history": ("Lịch sử sửa đổi", "Correction history"),
        "room.done": ("Đã lưu: %@", "Saved: %@"),
        "room.security": ("Độ mật", "Security"),
        // Metadata field names (TT02)
        "field.doc_type": ("Loại văn bản", "Document type"),
        "field.number": ("Số", "Number"),
        "field.symbol": ("Ký hiệu", "Symbol"),
        "field.date": ("Ngày ban hành", "Date of issue"),
        "field.place": ("Địa danh", "Place"),
        "field.issuer": ("Cơ quan ban hành", "Issuing body"),
        "field.issuer_upper": ("Cơ quan chủ quản", "Superior body"),
        "field.excerpt": ("Trích yếu", "Excerpt"),
        "field.signer": ("Người ký", "Signer"),
        "field.signer_position": ("Chức vụ người ký", "Signer's position"),
        "field.authority": ("Thẩm quyền ký", "Signing authority"),
        "field.security": ("Độ mật", "Security mark"),
        "field.urgency": ("Độ khẩn", "Urgency mark"),
        "field.language": ("Ngôn ngữ", "Language"),
        "field.boundaries": ("Ranh giới văn bản", "Document boundaries"),
        "field.system": ("Hệ thống văn bản", "Document system"),
        // Progress report (digitize progress)
        "progress.window.last_day": ("24 giờ qua", "last 24 hours"),
        "progress.window.last_week": ("7 ngày qua", "last 7 days"),
        "progress.window.all_time": ("từ đầu", "all time"),
        "progress.workDays": ("%@ ngày có làm việc", "%@ day(s) on which work was done"),
        "progress.attention.failed_page": ("Trang không đọc được", "Pages that could not be read"),
        "progress.attention.quarantined_page": ("Trang bị cách ly vì hai lần làm hỏng hoặc treo tiến trình đọc (digitize run --retry-failed sẽ thử lại)",
                                               "Pages quarantined after crashing or stalling a worker twice (digitize run --retry-failed tries them again)"),
        "progress.attention.failed_file": ("Hồ sơ không ghi được PDF", "Files whose PDFs could not be written"),
        "progress.attention.missing_scan": ("Bản quét không còn trong thư mục quét", "Scans no longer in the scan folder"),
        "progress.attention.low_confidence": ("Trang có độ tin cậy nhận dạng thấp (dưới 70)", "Pages with low OCR confidence (below 70)"),
        "progress.attention.low_resolution": ("Trang quét dưới 200 dpi (mức tối thiểu của TT 02/2019)", "Pages scanned below 200 dpi (TT 02/2019 minimum)"),
        "progress.attention.poor_image": ("Trang quá tối, quá sáng hoặc nghiêng nhiều", "Pages too dark, too light or heavily skewed"),
        "progress.attention.blank_page": ("Trang trắng (giữ trong PDF, không nhận dạng): kiểm tra xem có sót nội dung không",
                                         "Blank pages (kept in the PDF, not OCR'd): check nothing was missed"),
        "progress.attention.metadata_review": ("Văn bản có siêu dữ liệu cần kiểm tra", "Documents whose metadata needs review"),
        "progress.title": ("Tiến độ số hóa — %@ — %@", "Digitization progress — %@ — %@"),
        "progress.store": ("Danh mục   %@", "Store      %@"),
        "progress.backlog": ("Khối lượng %@  %@", "Backlog    %@  %@"),
        "progress.digitized": ("           đã số hóa %@ trên %@: %@ trước khi có công cụ này + %@ bằng công cụ này",
                               "           %@ of %@ digitized: %@ before this tool + %@ with it"),
        "progress.remaining": ("           còn lại %@", "           %@ remaining"),
        "progress.estimated": ("           trong đó %@ ước tính theo số trang của %@ hồ sơ chưa có độ dày trong mục lục (%@ trang mỗi mét)",
                               "           of which %@ estimated from the page counts of %@ file(s) without an inventory extent (%@ pages per metre)"),
        "progress.files": ("Hồ sơ      %@ xong · %@ lỗi · %@ đang chờ · tổng %@", "Files      %@ done · %@ failed · %@ waiting · %@ in all"),
        "progress.pages": ("Trang      %@ xong · %@ lỗi · %@ đang chờ · tổng %@", "Pages      %@ done · %@ failed · %@ waiting · %@ in all"),
        "progress.pagesMissing": (" (thêm %@ trang mà bản quét không còn)", " (%@ more whose scans are gone)"),
        "progress.documents": ("Văn bản    %@ tệp PDF tìm kiếm được", "Documents  %@ searchable PDF(s)"),
        "progress.throughput": ("Năng suất", "Throughput"),
        "progress.pagesColumn": ("trang", "pages"),
        "progress.pagesPerHour": ("trang/giờ", "pages/hour"),
        "progress.metresColumn": ("mét", "metres"),
        "progress.metresPerDay": ("mét/ngày", "metres/day"),
        "progress.estimate": ("Dự kiến   %@ còn lại cần %@ theo năng suất của %@ (%@ m/ngày): %@",
                              "Estimate   the remaining %@ take %@ at the rate of the %@ (%@ m/day): %@"),
        "progress.estimate.when": ("khoảng ngày %@", "about %@"),
        "progress.estimate.never": ("không xong trong vòng một thế kỷ với năng suất này", "not within a century at this rate"),
        "progress.estimate.none": ("Dự kiến   chưa có: không hồ sơ nào hoàn thành trong tuần qua", "Estimate   none yet: no file was completed in the last week"),
        "progress.groups": ("Phông / mục lục / hộp", "Fonds / inventory / box"),
        "progress.filesDone": ("hồ sơ xong", "files done"),
        "progress.pagesDone": ("trang xong", "pages done"),
        "progress.metresDone": ("mét xong", "metres done"),
        "progress.ofFonds": ("trên tổng của phông", "of fonds total"),
        "progress.noFonds": ("(chưa rõ phông)", "(no fonds)"),
        "progress.inventory": ("  mục lục %@", "  inventory %@"),
        "progress.box": ("    hộp %@", "    box %@"),
        "progress.worker": ("Máy xử lý", "Worker"),
        "progress.failedColumn": ("lỗi", "failed"),
        "progress.heldNow": ("đang giữ", "held now"),
        "progress.firstCompletion": ("lần xong đầu", "first completion"),
        "progress.lastCompletion": ("lần xong cuối", "last completion"),
        "progress.nothing": ("Không có việc cần xử lý.", "Nothing needs attention."),
        "progress.attention": ("Cần xử lý (%@):", "Needs attention (%@):"),
        "progress.pageNumber": (" (tr. %@)", " (p. %@)"),
        "progress.more": ("    … và %@ mục nữa (xem --json hoặc --html)", "    … and %@ more (see --json or --html)"),
        "progress.duration.years": ("%@ năm", "%@ years"),
        "progress.duration.days": ("%@ ngày", "%@ days"),
        "progress.duration.hours": ("%@ giờ", "%@ hours"),
        "progress.htmlWritten": ("Đã ghi trang tiến độ vào %@ (đã số hóa %@ khối lượng)", "Progress page written to %@ (%@ of the backlog digitized)"),
        "attention.attempts": ("%@ (%@ lần thử)", "%@ (%@ attempts)"),
        "attention.noPDF": ("không ghi được tệp PDF nào", "no PDF could be written"),
        "attention.gone": ("bản quét từng ở %@ và nay không còn; các trang của nó không có trong văn bản",
                           "the scan was at %@ and is gone; its pages are left out of the documents"),
        "attention.confidence": ("độ tin cậy nhận dạng trung bình %@: kiểm tra văn bản hoặc quét lại trang",
                                 "mean OCR confidence %@: check the text, or rescan the page"),
        "attention.dpiAssumed": (" (giả định: tệp không ghi độ phân giải)", " (assumed: the file records no resolution)"),
        "attention.dpi": ("quét ở %@ dpi%@; cần ít nhất %@ dpi: quét lại", "scanned at %@ dpi%@; at least %@ dpi is required: rescan"),
        "attention.tooDark": ("quá tối", "too dark"),
        "attention.tooLight": ("quá sáng", "too light"),
        "attention.skewed": ("nghiêng %@°", "skewed %@°"),
        "attention.checkImage": ("%@: kiểm tra văn bản hoặc quét lại trang", "%@: check the text, or rescan the page"),
        "attention.blank": ("không thấy chữ; trang có trong PDF nhưng không được nhận dạng", "no text found; the page is in the PDF but was not OCR'd"),
        "attention.metadataUnreadable": ("bản ghi siêu dữ liệu không đọc được", "the metadata record is unreadable"),
        "attention.notFound": ("không tìm thấy", "not found"),
        "attention.review": ("cần kiểm tra: %@", "review: %@"),
        "attention.missing": ("không tìm thấy: %@", "no %@ found"),
        "attention.uncertain": ("chưa chắc chắn: ", "uncertain: "),
        "attention.checkMetadata": ("kiểm tra siêu dữ liệu", "check the metadata"),
        // The progress page (digitize progress --html, the reading room's dashboard)
        "html.heading": ("Tiến độ số hóa tài liệu lưu trữ", "Digitization progress"),
        "html.meta": ("Kho lưu trữ %@ · danh mục %@ · báo cáo lúc %@", "Archive %@ · store %@ · report of %@"),
        "html.headline": ("Đã số hóa %@ trên %@ mét giá — %@", "%@ of %@ shelf metres (mét giá) digitized — %@"),
        "html.baseline": ("trước khi có công cụ này %@", "before this tool (baseline) %@"),
        "html.withTool": ("số hóa bằng công cụ này %@", "digitized with it %@"),
        "html.remaining": ("còn lại %@", "remaining %@"),
        "html.estimated": ("Trong đó %@ ước tính theo số trang của %@ hồ sơ mà mục lục không ghi độ dày (%@ trang mỗi mét).",
                           "%@ of it estimated from the page counts of %@ file(s) the inventory gives no extent for (%@ pages per metre)."),
        "html.notWithinCentury": ("không xong trong vòng một thế kỷ", "not within a century"),
        "html.atRate": ("%@ theo năng suất của %@", "%@ at the rate of the %@"),
        "html.nothingLastWeek": ("không có gì hoàn thành trong tuần qua", "nothing completed in the last week"),
        "html.failedWaiting": ("%@ lỗi · %@ đang chờ", "%@ failed · %@ waiting"),
        "html.pages": ("Trang", "Pages"),
        "html.documents": ("Văn bản", "Documents"),
        "html.searchablePDFs": ("tệp PDF tìm kiếm được", "searchable PDFs"),
        "html.completion": ("Dự kiến hoàn thành", "Expected completion"),
        "html.window": ("Khoảng thời gian", "Window"),
        "html.overTime": ("Mét giá đã số hóa theo thời gian", "Shelf metres digitized over time"),
        "html.caption": ("Độ dày cộng dồn của các hồ sơ đã hoàn thành bằng digitize; %@ số hóa trước đó không vẽ ở đây.",
                         "Cumulative extent of the archival files completed with digitize; the %@ digitized before it are not drawn."),
        "html.workers": ("Các máy xử lý", "Workers"),
        "html.where": ("Ở đâu", "Where"),
        "html.page": ("Trang", "Page"),
        "html.more": ("… và %@ mục nữa; `digitize progress --json` liệt kê đủ.", "… and %@ more; `digitize progress --json` lists them."),
        "html.footer": ("Khối lượng: tổng %@, đã số hóa trước %@, %@ trang mỗi mét cho hồ sơ chưa có độ dày trong mục lục. Lập bởi",
                        "Backlog: %@ in all, baseline %@, %@ pages per metre for files without an inventory extent. Made by"),
        // What a kind of failure means (the run summary in Vietnamese leads with it; the detail follows)
        "failure.unreadable": ("Không đọc được tệp", "The file cannot be read"),
        "failure.empty": ("Tệp trống (0 byte): cần quét lại trang", "The file is empty"),
        "failure.not-an-image": ("Tệp không phải ảnh TIFF, PNG, JPEG hay PDF", "Not a TIFF, PNG, JPEG or PDF"),
        "failure.damaged": ("Tệp bị cắt cụt hoặc hỏng: cần quét hoặc sao chép lại", "The file is truncated or damaged"),
        "failure.too-large": ("Ảnh quá lớn, bị từ chối trước khi giải mã (nâng limits.max_megapixels nếu bản quét là thật)", "The image is too large"),
        "failure.too-small": ("Ảnh quá nhỏ, không thể là trang quét", "The image is too small to be a page"),
        "failure.encrypted": ("PDF có mật khẩu: gỡ mật khẩu rồi chạy lại", "The PDF is encrypted"),
        "failure.has-text": ("Trang PDF gốc điện tử (có chữ, không có ảnh quét): không cần nhận dạng, lưu nguyên bản PDF",
                             "A born-digital PDF page"),
        "failure.ocr": ("Tesseract không đọc được trang", "Tesseract could not read the page"),
        "failure.crashed": ("Trang làm hỏng tiến trình đọc hai lần (lỗi trong Tesseract, Leptonica hoặc poppler); lô vẫn tiếp tục",
                            "The page crashed its worker twice"),
        "failure.timed-out": ("Trang xử lý quá thời hạn; tiến trình đọc đã bị dừng và lô vẫn tiếp tục", "The page took too long"),
        "failure.worker": ("Không khởi động được tiến trình đọc trang", "No page worker could be started"),
        "failure.assembly": ("Không ghi được PDF của hồ sơ", "The file's PDFs could not be written"),
        "failure.no-pages": ("Không trang nào của hồ sơ đọc được; không ghi PDF", "No page of the file could be read"),
        // Command line
        "cli.verify.clean": ("Kết quả: KHÔNG CÓ VẤN ĐỀ — mọi mã kiểm tra khớp với danh mục và danh mục khớp với sổ ghi.",
                             "Result: CLEAN — every checksum matches the catalogue and the catalogue matches its ledger."),
        "cli.verify.problems": ("Kết quả: %@ VẤN ĐỀ — %@.", "Result: %@ PROBLEM(S) — %@."),
        "cli.verify.fixity": ("Sự kiện kiểm tra toàn vẹn #%@ đã ghi vào sổ.", "Fixity-check event #%@ recorded in the ledger."),
        "cli.verify.history": ("Lịch sử sửa đổi (%@ lần sửa của người kiểm tra trong sổ ghi):",
                               "Correction history (%@ human correction(s) in the ledger):"),
        "cli.verify.archiveLocked": ("Kho lưu trữ: %@ (khóa trong khi kiểm tra)", "Archive: %@ (locked while checking)"),
        "cli.verify.archiveReadOnly": ("Kho lưu trữ: %@ (kiểm tra chỉ đọc)", "Archive: %@ (checked read-only)"),
        "cli.verify.archiveShared": ("Kho lưu trữ: %@, danh mục trong %@ (kiểm tra trên một ảnh chụp của kho dùng chung)",
                                     "Archive: %@, catalogue in %@ (checked in one snapshot of the shared store)"),
        "cli.verify.pdfs": ("%@ tệp PDF tìm kiếm được (%@)", "%@ searchable PDF(s) (%@)"),
        "cli.verify.sources": ("%@ bản quét gốc (%@)", "%@ source scan(s) (%@)"),
        "cli.verify.skipped": (", %@ bản bỏ qua vì không đọc được khi nhận", ", %@ skipped as unreadable at ingest"),
        "cli.verify.rows": ("%@ dòng danh mục đối chiếu với sổ ghi", "%@ catalogue row(s) against the ledger"),
        "cli.verify.events": ("%@ sự kiện trong sổ ghi", "%@ ledger event(s)"),
        "cli.verify.checked": ("Đã kiểm tra: %@ trong %@ giây.", "Checked: %@ in %@ s."),
        "cli.verify.noSources": ("Bản quét gốc chưa được tính lại mã băm (thêm --sources để kiểm tra cả chúng).",
                                 "Source scans were not re-hashed (add --sources to check them too)."),
        "cli.verify.recorded": ("đã ghi   %@", "recorded %@"),
        "cli.verify.found": ("thực tế  %@", "found    %@"),
        "cli.verify.chainIntact": ("Sổ ghi: chuỗi băm nguyên vẹn; sự kiện cuối #%@ %@", "Ledger: hash chain intact; last event #%@ %@"),
        "cli.verify.chainBroken": ("Sổ ghi: chuỗi băm BỊ PHÁ VỠ; sự kiện cuối #%@ %@", "Ledger: hash chain BROKEN; last event #%@ %@"),
        "cli.run.stageTimes": ("Thời gian CPU theo công đoạn (giây, cộng mọi luồng): %@; %@ tiến trình nhận dạng bận %@% thời gian chạy",
                               "Stage CPU time (s, summed over threads): %@; %@ OCR workers busy %@% of the run"),
        "cli.run.pageQuarantined": (" — đã cách ly sau %@ lần thử; `digitize run --retry-failed` sẽ thử lại",
                                    " — quarantined after %@ attempts; `digitize run --retry-failed` tries it again"),
        "cli.run.stopped": ("ĐÃ DỪNG: %@", "STOPPED: %@"),
        "cli.run.interrupted": ("Đã dừng theo yêu cầu; mọi việc đã xong đều được ghi lại. Chạy lại đúng lệnh này để tiếp tục.",
                                "Stopped on request; everything finished so far is recorded. Run the same command again to continue."),
        "cli.run.files": ("Hồ sơ: %@ trong danh mục, %@ hoàn thành trong lần chạy này", "Archival files: %@ in the catalogue, %@ completed in this run"),
        "cli.run.pages": ("Trang: tổng %@ — %@ vừa nhận dạng, %@ đã xong từ trước, %@ lỗi",
                          "Pages: %@ in all — %@ OCR'd now, %@ already done before, %@ failed"),
        "cli.run.quarantined": (" (%@ trang bị cách ly)", " (%@ quarantined)"),
        "cli.run.documents": ("Văn bản đã ghi: %@", "Documents written: %@"),
        "cli.run.time": ("Thời gian: %@ giây (%@ trang/phút)", "Time: %@ s (%@ pages/min)"),
        "cli.run.problems": ("Vấn đề cần xử lý (%@):", "Problems needing attention (%@):"),
        "cli.run.warnings": ("Cảnh báo (%@):", "Warnings (%@):"),
        "cli.run.ignored": ("Bỏ qua %@ tệp không phải bản quét (ví dụ %@)", "Ignored %@ file(s) that are not scans (e.g. %@)"),
        "cli.run.pdfs": ("Tệp PDF tìm kiếm được: %@", "Searchable PDFs: %@"),
        "cli.run.catalogue": ("Danh mục: %@", "Catalogue: %@"),
        "cli.run.page": ("Trang %@/%@: %@", "Page %@/%@: %@"),
        "cli.run.pageFailed": ("Trang %@/%@ LỖI: %@ — %@", "Page %@/%@ FAILED: %@ — %@"),
    ]
}
