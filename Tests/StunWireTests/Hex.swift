/// Test helper: bytes from a hex string with arbitrary whitespace.
func hex(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        if let value = UInt8(String(digits[index...index + 1]), radix: 16) { bytes.append(value) }
        index += 2
    }
    return bytes
}
