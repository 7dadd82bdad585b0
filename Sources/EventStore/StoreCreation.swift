import DispatchCore
import EventLog
import Foundation

extension FileStore {
    /// Creates a new store directory with an empty log, then records `commands`
    /// (units and agencies) as its first batch. All or nothing: the commands are
    /// checked before anything is created, and a failed write removes what was made.
    ///
    /// The directory is made `2770` and the log `0660`: the store belongs to its group
    /// (`gridwatch` when installed), whose setgid binary is the only way in for anyone
    /// else, and files made in it later keep that group.
    public static func create(paths: StorePaths, actor: String, commands: [Command], clock: DispatchClock = SystemClock(),
                              policy: Policy = .defaults, createParents: Bool = false,
                              ops: FileOps = SystemFileOps.shared) throws(StoreError) -> FileStore {
        try check(commands, actor: actor, clock: clock, policy: policy)
        if FileManager.default.fileExists(atPath: paths.log) { throw .exists(path: paths.directory) }
        let made = try makeDirectory(paths.directory, createParents: createParents, ops: ops)
        do throws(StoreError) {
            do { try LogWriter.create(path: paths.log, ops: ops) } catch { throw StoreError(error) }
            let store = try FileStore(paths: paths, actor: actor, clock: clock, policy: policy, ops: ops)
            _ = try store.execute(commands, rejected: nil)
            return store
        } catch {
            _ = ops.unlink(paths.log)
            for dir in made.reversed() { _ = ops.rmdir(dir) }
            throw error
        }
    }

    /// Refuses the whole registration before anything is created.
    private static func check(_ commands: [Command], actor: String, clock: DispatchClock, policy: Policy) throws(StoreError) {
        var scratch = Model(policy: policy, now: clock.now())
        for c in commands {
            do {
                for b in try scratch.decide(c, now: clock.now()) { scratch.apply(Event(at: clock.now(), actor: actor, body: b)) }
            } catch { throw .domain(error) }
        }
    }

    /// Makes the store directory (and, with `createParents`, missing parents); returns
    /// the directories it made, outermost first, so a failure can take them away again.
    static func makeDirectory(_ path: String, createParents: Bool, ops: FileOps) throws(StoreError) -> [String] {
        var missing: [String] = []
        var dir = path
        while !dir.isEmpty, dir != "/", dir != ".", !FileManager.default.fileExists(atPath: dir) {
            missing.append(dir)
            dir = PathText.parent(of: dir)
            if !createParents, !missing.isEmpty, !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
                throw .missingDirectory(path: dir)
            }
        }
        var made: [String] = []
        for d in missing.reversed() {
            // The store gets its group's mode; directories made above it only their owner's
            // (XDG's 0700), never the store's group bit.
            let mode = d == path ? StoreModes.directory : 0o700
            guard ops.mkdir(d, mode & 0o777) == 0 else {
                let e = errno
                for m in made.reversed() { _ = ops.rmdir(m) }
                throw StoreError(.io(path: d, operation: "create directory", errno: e))
            }
            made.append(d)
            // Exactly 2770 whatever the umask, as for the log.
            let fd = ops.open(d, O_RDONLY | O_DIRECTORY, 0)
            if fd >= 0 { _ = ops.fchmod(fd, mode); _ = ops.close(fd) }
        }
        return made
    }
}
