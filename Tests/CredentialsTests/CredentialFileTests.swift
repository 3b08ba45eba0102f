import Testing
import Credentials

@Suite("credential file")
struct CredentialFileTests {
    @Test("credential file: first line without its line ending; empty or binary files are refused without quoting them")
    func credentialFile() throws {
        #expect(try CredentialFile.parse(Array("s3cret\n".utf8), path: "f").revealed == "s3cret")
        #expect(try CredentialFile.parse(Array("s3cret\r\nsecond".utf8), path: "f").revealed == "s3cret")
        #expect(try CredentialFile.parse(Array("no newline".utf8), path: "f").revealed == "no newline")
        #expect(throws: CredentialFileError.self) { try CredentialFile.parse(Array("\nx".utf8), path: "f") }
        #expect(throws: CredentialFileError.self) { try CredentialFile.parse([0xff, 0xfe], path: "f") }
        do {
            _ = try CredentialFile.parse(Array("pass\u{0}word".utf8), path: "f")
            Issue.record("accepted a NUL byte")
        } catch {
            #expect(error.kind == .containsNUL)
            #expect(!error.description.contains("pass"))
        }
        do {
            _ = try CredentialFile.read(path: "/nonexistent/iceprobe-secret")
            Issue.record("read a missing file")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description.contains("/nonexistent/iceprobe-secret"))
        }
    }
}
