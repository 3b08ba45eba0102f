extension Coturn {
    /// A self-signed certificate (its own trust anchor) generated with the `openssl` CLI.
    public struct Certificate: Sendable {
        /// `DNS:localhost`, `IP:127.0.0.1`, ...; the first name is also the subject CN.
        public var subjectAltNames: [String]
        /// notAfter one day before notBefore.
        public var expired: Bool

        public init(subjectAltNames: [String], expired: Bool = false) {
            self.subjectAltNames = subjectAltNames
            self.expired = expired
        }

        /// The `openssl` argument lists that write `<name>.pem` and `<name>.key` into `directory`.
        func opensslCommands(directory: String, name: String) -> [[String]] {
            let commonName = subjectAltNames.first.map { String($0.drop { $0 != ":" }.dropFirst()) } ?? name
            let subject = ["-subj", "/CN=\(commonName)", "-addext", "subjectAltName=\(subjectAltNames.joined(separator: ","))"]
            let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(directory)/\(name).key"]
            guard expired else {
                return [["req", "-x509"] + key + ["-out", "\(directory)/\(name).pem", "-days", "2"] + subject]
            }
            return [["req"] + key + ["-out", "\(directory)/\(name).csr"] + subject,
                    ["x509", "-req", "-in", "\(directory)/\(name).csr", "-signkey", "\(directory)/\(name).key",
                     "-out", "\(directory)/\(name).pem", "-days", "-1", "-copy_extensions", "copy"]]
        }
    }
}
