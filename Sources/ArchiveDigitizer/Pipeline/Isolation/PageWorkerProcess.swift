import Foundation
import Synchronization

/// One page worker: this program started again in its hidden worker mode (`digitize __page-worker`),
/// reading requests on its standard input and answering on descriptor 3 (`WorkerFrames`).
///
/// Owns the child: its pipes are closed and the child is ended and reaped in `deinit`. The child
/// runs in a process group of its own, so a Ctrl-C at the terminal reaches the run (which finishes
/// its pages) and not the workers; it exits by itself when the run's end of the pipe closes, even
/// after a `kill -9` of the run. Confined to the run thread that made it.
final class PageWorkerProcess {
    /// The hidden verb that starts a page worker.
    static let verb = "__page-worker"

    private let processID: pid_t
    private let requests: Int32
    private let replies: Int32
    private var isReaped = false

    /// Starts `executable` as a page worker. The environment is the run's, with the Swift runtime's
    /// crash backtracer off (a dying worker is expected and reported by signal, not by a dump).
    init(executable: String) throws {
        // A write to a worker that has just died must fail with EPIPE, not kill the run.
        signal(SIGPIPE, SIG_IGN)
        // Pipes and spawn under one lock: a pipe end made by one thread must be close-on-exec before
        // another thread spawns, or a sibling worker would hold it open and hide this worker's death.
        let (child, requests, replies) = try Self.spawning.withLock { _ in try Self.spawn(executable) }
        processID = child
        self.requests = requests
        self.replies = replies
    }

    private static let spawning = Mutex(())

    /// Makes the two pipes and starts the child; returns its id and the run's ends of the pipes.
    private static func spawn(_ executable: String) throws -> (pid_t, Int32, Int32) {
        var requestPipe: [Int32] = [-1, -1], replyPipe: [Int32] = [-1, -1]
        guard pipe(&requestPipe) == 0 else { throw PageWorkerError.cannotStart(reason: String(cString: strerror(errno))) }
        guard pipe(&replyPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            close(requestPipe[0]); close(requestPipe[1])
            throw PageWorkerError.cannotStart(reason: reason)
        }
        for descriptor in requestPipe + replyPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, requestPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, replyPipe[1], 3)
        // Tesseract and Leptonica may print; the protocol's descriptor is 3, so their chatter goes nowhere.
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let arguments = [executable, verb]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(requestPipe[0])
        close(replyPipe[1])
        guard status == 0 else {
            close(requestPipe[1]); close(replyPipe[0])
            throw PageWorkerError.cannotStart(reason: "\(executable): \(String(cString: strerror(status)))")
        }
        return (child, requestPipe[1], replyPipe[0])
    }

    deinit {
        // A closed request pipe tells the worker to exit; one that does not within a second is ended.
        close(requests)
        close(replies)
        guard !isReaped else { return }
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(processID, &status, WNOHANG) == processID { return }
            usleep(10_000)
        }
        kill(processID, SIGKILL)
        _ = reap()
    }

    /// Sends one request; false when the worker is gone.
    func send(_ request: WorkerRequest) -> Bool {
        WorkerFrames.write(request, to: requests)
    }

    /// The next reply, waiting at most until `deadline`.
    func reply(until deadline: Date?) -> WorkerFrames.Reading<WorkerReply> {
        WorkerFrames.read(WorkerReply.self, from: replies, until: deadline)
    }

    /// Ends the worker at once (a step past its deadline) and waits for it.
    func end() {
        guard !isReaped else { return }
        kill(processID, SIGKILL)
        _ = reap()
    }

    /// Waits for the worker, which has closed its pipe, and says how it ended: the signal's name
    /// (`SIGSEGV`) or `exit status N`.
    func howItEnded() -> String {
        guard let status = reap() else { return "an unknown cause" }
        if status & 0x7F == 0 { return "exit status \((status >> 8) & 0xFF)" }
        return Self.signalName(status & 0x7F)
    }

    private func reap() -> Int32? {
        guard !isReaped else { return nil }
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 {
            if errno != EINTR { isReaped = true; return nil }
        }
        isReaped = true
        return status
    }

    /// `SIGSEGV`, `SIGABRT`, … as an archivist's support desk would search for it.
    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGILL: "SIGILL",
            SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP", SIGSYS: "SIGSYS", SIGXCPU: "SIGXCPU",
            SIGINT: "SIGINT", SIGHUP: "SIGHUP", SIGPIPE: "SIGPIPE",
        ]
        return names[number] ?? "signal \(number)"
    }
}

/// A page worker process could not be started or kept.
enum PageWorkerError: Error, CustomStringConvertible {
    case cannotStart(reason: String)
    case diedAtStart(how: String)

    var description: String {
        switch self {
        case let .cannotStart(reason): "Could not start a page worker process (\(reason))."
        case let .diedAtStart(how): "A page worker process ended (\(how)) before it could load Tesseract."
        }
    }
}
