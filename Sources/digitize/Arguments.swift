import Foundation
import ArchiveDigitizer

/// A command-line mistake; printed with the verb's usage, exit code 64 (EX_USAGE).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Parsed options of one verb: flags with values, switches and positional arguments.
///
/// Hand-written (no packages allowed) but strict like swift-argument-parser: an unknown flag or a
/// missing value is an error that names it.
struct Arguments {
    var positional: [String] = []
    var values: [String: String] = [:]
    var switches: Set<String> = []

    /// Parses `arguments` given the flags that take a value and the switches the verb knows.
    init(_ arguments: [String], valued: Set<String>, switches known: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positional += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                positional.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String? = nil
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if valued.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError(message: "\(name) needs a value.") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else if known.contains(name) {
                switches.insert(name)
            } else {
                let suggestion = (valued.union(known)).sorted().first { $0.hasPrefix(String(name.prefix(4))) }
                throw UsageError(message: "Unknown option \(name).\(suggestion.map { " Did you mean \($0)?" } ?? "")")
            }
        }
    }

    /// Whether `--help` or `-h` was given: the verb prints its usage and does nothing else.
    var asksForHelp: Bool { switches.contains("--help") || switches.contains("-h") }

    /// An integer flag's value, checked.
    func integer(_ name: String, minimum: Int = 1) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), value >= minimum else {
            throw UsageError(message: "\(name) must be a whole number of at least \(minimum), not “\(text)”.")
        }
        return value
    }

    /// The archive folder: `--archive DIR`, else `./Archive`.
    var archiveFolder: URL { URL(fileURLWithPath: values["--archive"] ?? "Archive") }

    /// Where the catalogue lives: `--store sqlite` (the default, inside the archive) or `--store postgresql://…`.
    /// A value digitize cannot read is a usage error whose message shows it with its password masked.
    func store() throws -> StoreLocation {
        do { return try StoreLocation(parsing: values["--store"]) } catch let error as StoreLocationError {
            throw UsageError(message: error.description)
        } catch let error as PostgreSQLError {
            throw UsageError(message: error.description)
        }
    }

    /// The archive folder in the store `--store` names, checked to exist (see `ExistingArchive`).
    func existingArchive() throws -> ExistingArchive {
        try ExistingArchive(archiveFolder, store: store())
    }

    /// One section of the configuration: `--config FILE`, else `config/digitize.json` when it
    /// exists, else the defaults.
    func configuration<Section: ConfigurationSection>(_ section: Section.Type) throws -> Section {
        if let path = values["--config"] { return try Section.load(from: URL(fileURLWithPath: path)) }
        let standard = "config/digitize.json"
        guard FileManager.default.fileExists(atPath: standard) else { return Section() }
        return try Section.load(from: URL(fileURLWithPath: standard))
    }
}
