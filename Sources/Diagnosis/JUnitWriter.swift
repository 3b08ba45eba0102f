/// Writes JUnit XML (the common dialect that Jenkins, GitLab and GitHub test reporters read):
/// `<testsuites>` with totals, each `<testsuite>` with its own counts, `<testcase>` elements with
/// `<failure>`, `<skipped>` and `<system-out>`. Presentation only; the same input gives the same bytes.
public enum JUnitWriter {
    public static func render(name: String, suites: [JUnitSuite]) -> String {
        let all = suites.flatMap(\.cases)
        var xml = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        xml.append("<testsuites name=\"\(e(name))\"\(counts(all))>")
        for suite in suites {
            var open = "  <testsuite name=\"\(e(suite.name))\"\(counts(suite.cases))"
            if let seconds = suite.seconds { open += " time=\"\(time(seconds))\"" }
            if let timestamp = suite.timestamp { open += " timestamp=\"\(e(timestamp))\"" }
            xml.append(open + ">")
            if !suite.properties.isEmpty {
                xml.append("    <properties>")
                for property in suite.properties {
                    xml.append("      <property name=\"\(e(property.name))\" value=\"\(e(property.value))\"/>")
                }
                xml.append("    </properties>")
            }
            for item in suite.cases {
                var open = "    <testcase classname=\"\(e(item.classname))\" name=\"\(e(item.name))\""
                if let seconds = item.seconds { open += " time=\"\(time(seconds))\"" }
                var body: [String] = []
                switch item.outcome {
                case .passed: break
                case let .failure(message, type, details):
                    let typeAttribute = type.map { " type=\"\(e($0))\"" } ?? ""
                    body.append("      <failure message=\"\(e(message))\"\(typeAttribute)>\(e(details))</failure>")
                case let .skipped(message):
                    body.append("      <skipped message=\"\(e(message))\"/>")
                }
                if !item.systemOut.isEmpty { body.append("      <system-out>\(e(item.systemOut))</system-out>") }
                if body.isEmpty {
                    xml.append(open + "/>")
                } else {
                    xml.append(open + ">")
                    xml += body
                    xml.append("    </testcase>")
                }
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// ` tests="N" failures="F"` and ` skipped="S"` when some were skipped.
    static func counts(_ cases: [JUnitCase]) -> String {
        let skipped = cases.filter(\.skipped).count
        return " tests=\"\(cases.count)\" failures=\"\(cases.filter(\.failed).count)\""
            + (skipped > 0 ? " skipped=\"\(skipped)\"" : "")
    }

    /// Seconds with at most three decimals (milliseconds).
    static func time(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "0.0" }
        return String((seconds * 1000).rounded() / 1000)
    }

    private static func e(_ text: String) -> String { MarkupEscape.escape(text) }
}
