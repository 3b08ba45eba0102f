import Testing
import Credentials

@Suite("redacted secret")
struct RedactedSecretTests {
    @Test("never prints: description, interpolation, debugDescription, dump, Mirror")
    func neverPrints() {
        let secret = RedactedSecret("correct horse battery")
        var dumped = ""
        dump(secret, to: &dumped)
        let texts = ["\(secret)", String(describing: secret), String(reflecting: secret), dumped,
                     "\(Mirror(reflecting: secret).children.map(\.value))", "\([secret])", "\(Optional(secret) as Any)"]
        for text in texts {
            #expect(!text.contains("horse"), "\(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test("compares and reveals inside the package only")
    func value() {
        #expect(RedactedSecret("a") == RedactedSecret("a"))
        #expect(RedactedSecret("a") != RedactedSecret("b"))
        #expect(RedactedSecret("").isEmpty)
        #expect(RedactedSecret("x").revealed == "x")
    }
}
