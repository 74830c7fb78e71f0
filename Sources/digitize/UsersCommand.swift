import ArchiveDigitizer
import Foundation

/// `digitize users add|remove|list`: the reading room's accounts, kept in the catalogue.
enum UsersCommand {
    static let usage = """
    USAGE: digitize users add <name> --role reader|reviewer|administrator [--clearance none|mat|toi-mat|tuyet-mat]
           digitize users remove <name>
           digitize users list
           (each with [--archive DIR | --store ADDRESS])

    Accounts of the reading room (`digitize serve`). Readers search and read; reviewers also correct;
    administrators see every security level. --clearance lets a reader or reviewer see documents marked
    up to that level (MẬT, TỐI MẬT, TUYỆT MẬT); without it they see unmarked documents only. The password
    is read from standard input (first line; on a terminal it is asked for without echo) and kept only
    as a PBKDF2-SHA256 hash. Adding and removing accounts is recorded in the ledger.

    EXIT CODES: 0 done; 1 no such account / it already exists; 64 usage error; 66 no archive; 74 catalogue error.

    EXAMPLE: digitize users add lan --role administrator --archive /archive
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--role", "--clearance"], switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard let action = options.positional.first else { throw UsageError(message: "Say what to do: add, remove or list.") }
        let archive = try options.existingArchive()
        let catalogue = try archive.openCatalogue(readOnly: false)
        do {
            switch action {
            case "list":
                for account in try catalogue.accounts() {
                    let clearance = account.clearance.mark.isEmpty ? "unmarked only" : "up to \(account.clearance.mark)"
                    print("\(account.name)\t\(account.role.rawValue)\t\(clearance)")
                }
            case "add":
                guard options.positional.count == 2 else { throw UsageError(message: "Give the new account's name: users add <name> --role ROLE.") }
                guard let role = options.values["--role"].flatMap(AccountRole.init(rawValue:)) else {
                    throw UsageError(message: "Give --role reader, reviewer or administrator.")
                }
                let clearanceText = options.values["--clearance"] ?? "none"
                guard let clearance = SecurityLevel(clearance: clearanceText) else {
                    throw UsageError(message: "--clearance is none, mat, toi-mat or tuyet-mat, not “\(clearanceText)”.")
                }
                let password = readPassword()
                try catalogue.addAccount(Account(name: options.positional[1], role: role, clearance: clearance), password: password)
                print("Account \(options.positional[1]) added (\(role.rawValue)).")
            case "remove":
                guard options.positional.count == 2 else { throw UsageError(message: "Give the account's name: users remove <name>.") }
                try catalogue.removeAccount(named: options.positional[1])
                print("Account \(options.positional[1]) removed.")
            default:
                throw UsageError(message: "Unknown action “\(action)”: use add, remove or list.")
            }
        } catch let error as AccountError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return error == .weakPassword ? 64 : 1
        }
        return 0
    }

    /// The first line of standard input; on a terminal, asked for without echo.
    private static func readPassword() -> String {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) ?? "" }
        FileHandle.standardError.write(Data("Password: ".utf8))
        var settings = termios()
        tcgetattr(STDIN_FILENO, &settings)
        var silent = settings
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
