import Diagnosis
import Testing

/// Both Markdown renderers (check report, site report) escape untrusted text the same way.
@Suite struct MarkdownEscapeTests {
    @Test func cellsAndLines() {
        #expect(MarkdownEscape.cell("a|b\nc\u{1B}[31m") == "a\\|b c?[31m")
        #expect(MarkdownEscape.line("a|b\nc\u{7F}") == "a|b c?")
        #expect(MarkdownEscape.cell("plain text") == "plain text")
    }
}
