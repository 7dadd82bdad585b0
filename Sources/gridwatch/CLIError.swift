import ArgumentParser
import DispatchCore
import EventLog
import EventStore

/// A command-line failure: one line naming the problem, and the exit code.
struct CLIError: Error, CustomStringConvertible {
    /// The message, without a prefix.
    var message: String
    /// The process exit status (below 128).
    var code: Int32 = 1

    var description: String { message }

    init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }

    /// Wraps a store error; an access refusal exits 77 (EX_NOPERM).
    init(_ e: StoreError) {
        if case .domain(.accessDenied) = e { self.init(e.description, code: 77) } else { self.init(e.description) }
    }
}

/// Runs `body`, turning any failure into one line on stderr and a non-zero exit.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as CLIError {
        Output.error(e.message)
        throw ExitCode(e.code)
    } catch let e as AccessOptions.Refused {
        Output.error("access denied: \(e.denial.reason)")
        throw ExitCode(77)
    } catch let e as StoreError {
        Output.error(e.description)
        throw ExitCode(CLIError(e).code)
    } catch let e as DomainError {
        Output.error(e.description)
        throw ExitCode(CLIError(.domain(e)).code)
    } catch let e as LogError {
        Output.error(e.description)
        throw ExitCode(1)
    }
}
