import DispatchCore
import EventLog
import Foundation

extension FileStore {
    /// Creates a new store directory with an empty log, then records `commands`
    /// (units and agencies) as its first batch. All or nothing: the commands are
    /// checked before anything is created, and a failed write removes what was made.
    ///
    /// The directory is made `0750` and the log `0640`: a group (the wall accounts)
    /// may read, only the owner may write.
    public static func create(paths: StorePaths, actor: String, commands: [Command], clock: DispatchClock = SystemClock(),
                              policy: Policy = .defaults, createParents: Bool = false) throws(StoreError) -> FileStore {
        var scratch = Model(policy: policy, now: clock.now())
        for c in commands {
            do {
                for b in try scratch.decide(c, now: clock.now()) { scratch.apply(Event(at: clock.now(), actor: actor, body: b)) }
            } catch { throw .domain(error) }
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: paths.log) { throw .exists(path: paths.directory) }
        var madeDirectory = false
        if !fm.fileExists(atPath: paths.directory) {
            let parent = (paths.directory as NSString).deletingLastPathComponent
            if !createParents, !parent.isEmpty, !fm.fileExists(atPath: parent) { throw .missingDirectory(path: parent) }
            do {
                try fm.createDirectory(atPath: paths.directory, withIntermediateDirectories: createParents,
                                       attributes: [.posixPermissions: 0o750])
            } catch {
                throw .log(.io(path: paths.directory, operation: "create directory", errno: posixCode(error)))
            }
            madeDirectory = true
        }
        do {
            try LogWriter.create(path: paths.log)
            let store = try FileStore(paths: paths, actor: actor, clock: clock, policy: policy)
            _ = try store.execute(commands, rejected: nil)
            return store
        } catch {
            try? fm.removeItem(atPath: paths.log)
            if madeDirectory { try? fm.removeItem(atPath: paths.directory) }
            if let e = error as? StoreError { throw e }
            if let e = error as? LogError { throw .log(e) }
            throw .decode("\(error)")
        }
    }

    private static func posixCode(_ error: Error) -> Int32 {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain { return Int32(u.code) }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileWriteNoPermissionError { return EACCES }
        return ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : EIO
    }
}
