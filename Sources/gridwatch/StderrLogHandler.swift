import Logging

/// swift-log output for the command line: one inert line on stderr per message.
struct StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Output.note("\(event.level == .warning ? "warning: " : "")\(event.message)")
    }

    /// Routes every logger to stderr; `GRIDWATCH_LOG=debug` shows more.
    static func bootstrap(level: String?) {
        LoggingSystem.bootstrap { _ in
            var h = StderrLogHandler()
            h.logLevel = level.flatMap(Logger.Level.init(rawValue:)) ?? .info
            return h
        }
    }
}
