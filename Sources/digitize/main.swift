import ArchiveDigitizer
import Foundation

// Tesseract is built with OpenMP; with one engine per worker, OpenMP's own threads only fight
// over the cores (5.2 s a page instead of 1.45 s here). libgomp reads OMP_THREAD_LIMIT when it is
// loaded, before main runs, so if it is not set we set it and start this program again.
if ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil {
    setenv("OMP_THREAD_LIMIT", "1", 1)
    var arguments = CommandLine.arguments.map { strdup($0) }
    arguments.append(nil)
    execv("/proc/self/exe", &arguments)
    // If re-executing fails we carry on: slower, but correct.
}

let generalUsage = """
USAGE: digitize <command> [options]

Turns folders of scanned archive pages into a searchable, verified, catalogued digital archive.

COMMANDS:
  run <scan-folder>   OCR the scans and build the archive (resumable; rerun to continue)
  worker              Join a batch in a shared PostgreSQL store (--store URL) from another machine
  search <query>      Full-text search of the archive (with or without diacritics)
  progress            Backlog report in shelf metres (text, --json, --html FILE)
  verify              Recompute every checksum and check the ledger's hash chain
  export <format>     Export the catalogue: csv, json, xml or bagit
  migrate             Move the catalogue and ledger into PostgreSQL (hash chain kept)
  rebuild-pdfs        Write the PDFs again from the stored OCR results (no OCR)
  serve               The reading room and review desk in a browser (loopback by default)
  users               Reading-room accounts: users add|remove|list
  correct <DOC_CODE>  Correct a document's metadata field (ledger event; PDFs rebuilt without OCR)
  split <DOC_CODE>    Split a document at a page;  merge <DOC> <NEXT>: join two neighbouring documents

Run `digitize <command> --help` for a command's options.
"""

func fail(_ message: String, usage: String? = nil, code: Int32) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    if let usage { FileHandle.standardError.write(Data("\n\(usage)\n".utf8)) }
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let verb = arguments.first else {
    print(generalUsage)
    exit(64)
}
let rest = Array(arguments.dropFirst())
let commands: [String: (usage: String, main: ([String]) throws -> Int32)] = [
    "run": (RunCommand.usage, RunCommand.main),
    "worker": (WorkerCommand.usage, WorkerCommand.main),
    "verify": (VerifyCommand.usage, VerifyCommand.main),
    "progress": (ProgressCommand.usage, ProgressCommand.main),
    "search": (SearchCommand.usage, SearchCommand.main),
    "export": (ExportCommand.usage, ExportCommand.main),
    "migrate": (MigrateCommand.usage, MigrateCommand.main),
    "rebuild-pdfs": (RebuildCommand.usage, RebuildCommand.main),
    "serve": (ServeCommand.usage, ServeCommand.main),
    "users": (UsersCommand.usage, UsersCommand.main),
    "correct": (CorrectCommand.usage, { try CorrectCommand.main(verb: "correct", $0) }),
    "split": (CorrectCommand.usage, { try CorrectCommand.main(verb: "split", $0) }),
    "merge": (CorrectCommand.usage, { try CorrectCommand.main(verb: "merge", $0) }),
]
switch verb {
case PageWorkerService.verb:
    // Hidden: a page worker process started by `run` (requests on stdin, answers on descriptor 3).
    exit(PageWorkerService.serve())
case "-h", "--help", "help":
    print(generalUsage)
    exit(0)
case "--version":
    print("digitize 0.1.0")
    exit(0)
default:
    guard let command = commands[verb] else {
        fail("Unknown command “\(verb)”.", usage: generalUsage, code: 64)
    }
    do {
        exit(try command.main(rest))
    } catch let error as UsageError {
        fail(error.message, usage: command.usage, code: 64)
    } catch let error as ArchiveBusyError {
        fail(error.description, code: 75)
    } catch let error as OCRError {
        fail(error.description, code: 3)
    } catch let error as AssemblyError {
        fail(error.description, code: 3)
    } catch let error as IngestError {
        fail(error.description, code: 66)
    } catch let error as AuditError {
        fail(error.description, code: 66)
    } catch let error as ConfigurationError {
        fail(error.description, code: 78)
    } catch {
        fail("\(error)", code: 74)
    }
}
