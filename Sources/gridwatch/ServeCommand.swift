import ArgumentParser
import Config
import DispatchCore
import EventStore
import Foundation
import GridwatchServe
import Logging
import TerminalUI

/// `gridwatch serve`: the HTTP service the departments' platforms talk to.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Open311 intake and the departments' work orders over HTTP.",
        discussion: """
        Callers are named by the [[key]] tables of the access policy (README, The HTTP \
        service). Listens on loopback by default; put TLS in front with a reverse proxy. \
        Stops on SIGTERM or SIGINT after the requests in flight finish. Access logs go \
        to standard error, one line a request.
        """
    )

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("Where to listen: ADDR:PORT (port 0: any free port) or unix:PATH.", valueName: "ADDR"))
    var listen: String = "127.0.0.1:8311"
    @Option(name: .customLong("body-limit"), help: ArgumentHelp("Largest request body in bytes (1024-1048576).", valueName: "BYTES"))
    var bodyLimit: Int = 64 * 1024
    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds before an idle connection is closed (1-600).", valueName: "SECONDS"))
    var idleTimeout: Int = 30
    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a client has to send a whole request, however slowly it trickles (1-600).", valueName: "SECONDS"))
    var requestTimeout: Int = 30
    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests a second per key on average; 0 for no limit.", valueName: "N"))
    var rateLimit: Int = 50
    @Option(name: .customLong("rate-burst"), help: ArgumentHelp("Requests a key may send at once before the rate applies.", valueName: "N"))
    var rateBurst: Int = 100
    @Option(name: .customLong("max-wait"), help: ArgumentHelp("Longest long poll of GET /api/v1/events, in seconds (0-300).", valueName: "SECONDS"))
    var maxWait: Int = 30

    func run() throws {
        try runReporting {
            let settings = try self.settings()
            let address: ListenAddress
            switch ListenAddress.parse(listen) {
            case .success(let a): address = a
            case .failure(let e): throw CLIError("--listen: \(e.description)", code: 64)
            }
            let me = try options.require(.viewer, for: "serve")
            let policy: AccessPolicy
            do throws(ConfigError) { policy = try AccessPolicyFile.load(Installation.policyPath(options.accessOptions.access), installed: Installation.isSetgid) } catch {
                throw CLIError(error.description, code: 77)
            }
            let callers = CallerTable(policy: policy, uid: me.uid)
            if callers.count == 0 { Output.note("warning: the access policy has no [[key]]: every request that needs a key will be refused (403)") }
            let store: any CaseStore
            do { store = try options.location().open(actor: me.actor, try options.openOptions(access: AccessCheck(me))) } catch let e as StoreError {
                throw CLIError(e)
            }
            for k in policy.keys where k.kind == .agency {
                if let a = k.agency, store.model.agency(a) == nil {
                    Output.note("warning: key \(k.name) names agency '\(Sanitizer.inert(a))', which this store does not know: it will see no orders until one with that id is added")
                }
            }
            try Self.serve(store: store, callers: callers, settings: settings, address: address)
        }
    }

    private func settings() throws -> ServeSettings {
        var s = ServeSettings()
        guard (1024...1_048_576).contains(bodyLimit) else { throw CLIError("--body-limit must be from 1024 to 1048576 bytes", code: 64) }
        guard (1...600).contains(idleTimeout) else { throw CLIError("--idle-timeout must be from 1 to 600 seconds", code: 64) }
        guard (1...600).contains(requestTimeout) else { throw CLIError("--request-timeout must be from 1 to 600 seconds", code: 64) }
        s.requestTimeout = Int64(requestTimeout)
        guard (0...300).contains(maxWait) else { throw CLIError("--max-wait must be from 0 to 300 seconds", code: 64) }
        s.maxWait = maxWait
        guard rateLimit >= 0, rateBurst >= 1 else { throw CLIError("--rate-limit must be 0 or more and --rate-burst 1 or more", code: 64) }
        s.bodyLimit = bodyLimit
        s.idleTimeout = Int64(idleTimeout)
        s.ratePerSecond = Double(rateLimit)
        s.rateBurst = Double(rateBurst)
        return s
    }

    /// Runs the service to its end on Swift's concurrency threads; this thread waits.
    private static func serve(store: any CaseStore, callers: CallerTable, settings: ServeSettings, address: ListenAddress) throws {
        var logger = Logger(label: "gridwatch.serve")
        logger.logLevel = Installation.processEnvironment["GRIDWATCH_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let finished = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let handoff = Handoff(store)
        Task {
            do {
                let service = try await ServeService(store: handoff.store, callers: callers, settings: settings, logger: logger)
                try await service.run(on: address) { bound in
                    Output.note("serving on \(bound) (\(callers.count) key\(callers.count == 1 ? "" : "s"))")
                    Output.flush()
                }
            } catch let e as ServeError {
                outcome.set(e.description)
            } catch {
                outcome.set("cannot serve on \(address): \(error)")
            }
            finished.signal()
        }
        finished.wait()
        store.close()
        if let failure = outcome.get() { throw CLIError(failure) }
        Output.note("stopped")
    }

    /// The store, handed to the service: from then on only the service's store thread
    /// touches it, until the service has stopped and this thread closes it.
    private final class Handoff: @unchecked Sendable {
        let store: any CaseStore
        init(_ store: any CaseStore) { self.store = store }
    }

    /// The failure the serving task ended with, handed to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: String?
        func set(_ s: String) { lock.withLock { failure = s } }
        func get() -> String? { lock.withLock { failure } }
    }
}
