import Config
import DispatchCore
import EventLog
import EventStore
import Foundation
import TerminalUI

/// The parsers and text functions that see untrusted bytes, one harness each. A harness
/// must never crash or hang on any input, and checks the invariants its function promises.
enum FuzzTarget: String, CaseIterable {
    case record, envelope, intake, theme, config, sanitize, snapshot

    func run(_ data: [UInt8]) {
        switch self {
        case .record:
            let scan = LogScanner.scan(data, base: 16)
            check(scan.committedEnd <= 16 + UInt64(data.count), "committed end past the data")
            _ = LogScanner.salvage(data, base: 16)
        case .envelope:
            if let e = try? EnvelopeCodec.decode(data, checkHash: false) {
                // Whatever decodes must re-encode to a payload that decodes to the same event.
                let (again, _) = EnvelopeCodec.encode(seq: e.seq, id: e.id, event: e.event, caseVersion: e.caseVersion, prevHash: e.prevHash)
                check((try? EnvelopeCodec.decode(again))?.event == e.event, "round trip changed the event")
            }
        case .intake:
            _ = try? IntakeLine.parse(ArraySlice(data))
        case .theme:
            if let s = String(validating: data, as: UTF8.self) { _ = try? Theme.parse(s, file: "fuzz.toml") }
        case .config:
            if let s = String(validating: data, as: UTF8.self) { _ = try? ConfigFile.parse(s, file: "fuzz.toml") }
        case .snapshot:
            _ = SnapshotInspector.problem(in: data)
        case .sanitize:
            let s = String(decoding: data, as: UTF8.self)
            let inert = Sanitizer.inert(s)
            check(!inert.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E },
                  "control left in sanitised text")
            let width = Int(data.first ?? 0) % 50
            let cut = TextLayout.truncate(inert, toWidth: width)
            check(DisplayWidth.of(cut) <= width, "truncation wider than asked")
            check(inert.hasPrefix(String(cut.dropLast())) || cut.isEmpty || cut == inert, "truncation is not a prefix")
        }
    }

    private func check(_ ok: Bool, _ what: String) {
        if !ok { fatalError("fuzz invariant broken in \(rawValue): \(what)") }
    }
}

#if FUZZING
/// libFuzzer's entry point; the target comes from `GW_FUZZ_TARGET`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let target = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["GW_FUZZ_TARGET"] ?? "") ?? .intake
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point under this name; hand over to libFuzzer's driver.
@_cdecl("gridwatch_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var args = argv
    return runFuzzerDriver(&count, &args) { data, size in fuzzOneInput(data, size) }
}
#else
/// Without libFuzzer: `gridwatch-fuzz TARGET FILE|DIR...` replays inputs (the committed corpus).
@main
struct FuzzReplay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: gridwatch-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE|DIR...")
            exit(64)
        }
        var count = 0
        for path in args.dropFirst() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            let files = isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for f in files {
                guard let d = FileManager.default.contents(atPath: f) else { continue }
                target.run(Array(d))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs ok")
    }
}
#endif
