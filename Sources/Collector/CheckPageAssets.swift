/// The check page's files, embedded in the binary by SwiftPM (`resources: [.embedInCode("CheckPage")]`):
/// plain HTML, CSS and JavaScript modules, no build step and nothing from a CDN.
enum CheckPageAssets {
    struct Asset {
        let bytes: [UInt8]
        let contentType: String
    }

    /// The page itself, served at `/check`.
    static let page = Asset(bytes: PackageResources.check_html, contentType: "text/html; charset=utf-8")

    /// The files under `/check/NAME`.
    static let files: [String: Asset] = [
        "app.js": Asset(bytes: PackageResources.app_js, contentType: "text/javascript; charset=utf-8"),
        "measure.js": Asset(bytes: PackageResources.measure_js, contentType: "text/javascript; charset=utf-8"),
        "view.js": Asset(bytes: PackageResources.view_js, contentType: "text/javascript; charset=utf-8"),
        "check.css": Asset(bytes: PackageResources.check_css, contentType: "text/css; charset=utf-8"),
    ]

    /// Scripts, styles and requests only from the collector itself; WebRTC is not governed by CSP.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}
