/// A well-formed `gridwatch raise` read without swift-argument-parser.
///
/// Hotlines and scripts start one `raise` per alert, and the parser's first use in a
/// process looks the command's options up by runtime reflection: about 2.7 ms here,
/// more than opening the store's snapshot or deciding and appending the alert. This
/// reads only the plain form, `--name value` with each option at most once and values
/// that do not start with `-`, into the same `RaiseCommand` the parser would make.
/// Anything else (`--help`, `--name=value`, a repeat, a missing or unknown option, a
/// number that does not parse) returns nil and goes through the parser, so every
/// message and every edge case stays the parser's. `RaiseFastParseTests` checks that
/// both give the same command for the same arguments.
enum RaiseFastParse {
    /// The command for `arguments` (those after `raise`), or nil to use the parser.
    static func parse(_ arguments: [String]) -> RaiseCommand? {
        var values: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let name = arguments[i]
            guard name.hasPrefix("--"), i + 1 < arguments.count, known.contains(name), values[name] == nil else { return nil }
            let value = arguments[i + 1]
            // `--reported-at -2h` is how the parser is told to take a dash (`.unconditional`).
            guard !value.hasPrefix("-") || name == "--reported-at" else { return nil }
            values[name] = value
            i += 2
        }
        return command(values)
    }

    /// Every option `raise` takes, its own and the store's.
    static let known: Set<String> = [
        "--store", "--config", "--access", "--unit", "--category", "--level", "--title", "--detail", "--source",
        "--reporter", "--people", "--external-id", "--reported-at",
    ]

    /// Every property set, so nothing is left in the parser's unparsed state; the
    /// defaults are the ones `RaiseCommand` declares.
    private static func command(_ v: [String: String]) -> RaiseCommand? {
        guard let unit = v["--unit"], let category = v["--category"], let level = v["--level"], let title = v["--title"] else {
            return nil
        }
        var people = 0
        if let p = v["--people"] {
            guard let n = Int(p) else { return nil }
            people = n
        }
        var access = AccessOptions()
        access.access = v["--access"]
        var options = StoreOptions()
        options.store = v["--store"]
        options.config = v["--config"]
        options.accessOptions = access
        var c = RaiseCommand()
        c.options = options
        c.unit = unit
        c.category = category
        c.level = level
        c.title = title
        c.detail = v["--detail"] ?? ""
        c.source = v["--source"] ?? "patrol"
        c.reporter = v["--reporter"] ?? ""
        c.people = people
        c.externalId = v["--external-id"] ?? ""
        c.reportedAt = v["--reported-at"]
        // The parser runs `validate()` after reading; a refusal goes back to it for its message.
        guard (try? c.validate()) != nil else { return nil }
        return c
    }
}
