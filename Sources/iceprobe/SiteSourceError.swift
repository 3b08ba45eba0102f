/// Why `site --db` or `--collector` could not read the collector's reports.
struct SiteSourceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
