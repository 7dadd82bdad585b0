/// Path arithmetic on plain strings. Foundation's `deletingLastPathComponent` was seen
/// to crash on a one-letter relative path (`s`), and a store path comes from the
/// command line.
public enum PathText {
    /// The directory holding `path`: "" for a bare relative name, "/" for a top-level one.
    public static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }
}
