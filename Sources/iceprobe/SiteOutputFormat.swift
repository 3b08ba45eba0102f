import ArgumentParser

/// `--format` of `iceprobe site`.
enum SiteOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
}
