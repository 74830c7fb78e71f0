import ArchiveDigitizer
import Foundation

/// Draws progress: a live bar on a terminal, one plain line per page otherwise (logs, CI).
final class TerminalProgress: ProgressObserver {
    private let isTerminal: Bool
    private let isQuiet: Bool
    private let useColour: Bool
    private let started = Date()
    private var firstDone: Int?
    private var lastDraw = Date.distantPast

    init(quiet: Bool) {
        isTerminal = isatty(STDERR_FILENO) == 1
        isQuiet = quiet
        useColour = isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func pageFinished(done: Int, total: Int, label: String, failure: String?) {
        if firstDone == nil { firstDone = done - 1 }
        let elapsed = Date().timeIntervalSince(started)
        let processed = done - (firstDone ?? 0)
        let perMinute = elapsed > 0 ? Double(processed) / elapsed * 60 : 0
        let remaining = total - done
        let eta = perMinute > 0 ? Double(remaining) / perMinute * 60 : 0
        if let failure, !isQuiet {
            clearLine()
            FileHandle.standardError.write(Data("\(colour("FAILED", code: 31)) \(label): \(failure)\n".utf8))
        }
        if isQuiet { return }
        if isTerminal {
            guard Date().timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
            lastDraw = Date()
            let width = 30
            let filled = total > 0 ? Int(Double(width) * Double(done) / Double(total)) : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "\r\(bar) \(done)/\(total) pages  \(String(format: "%.1f", perMinute)) pages/min  ETA \(Self.duration(eta))  "
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            FileHandle.standardError.write(Data("page \(done)/\(total) \(failure == nil ? "done" : "failed"): \(label) (\(String(format: "%.1f", perMinute)) pages/min, ETA \(Self.duration(eta)))\n".utf8))
        }
    }

    func note(_ message: String) {
        guard !isQuiet else { return }
        clearLine()
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    func finish() { clearLine() }

    private func clearLine() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func colour(_ text: String, code: Int) -> String {
        useColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
