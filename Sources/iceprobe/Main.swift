import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Entry point. swift-argument-parser reports validation errors with exit code 64;
/// iceprobe promises 2 for every usage error, so the mapping happens here.
@main
enum Main {
    static func main() async {
        let code: Int32
        do {
            var command = try Iceprobe.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            code = 0
        } catch {
            code = ExitStatus.code(for: error)
        }
        exit(code)
    }
}

enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2

    /// Prints the parser's message for `error` and returns the iceprobe exit code for it.
    static func code(for error: Error) -> Int32 {
        let parserCode = Iceprobe.exitCode(for: error)
        let message = Iceprobe.fullMessage(for: error)
        if parserCode == .success {
            if !message.isEmpty { print(message) }   // --help, --version
            return success
        }
        if !message.isEmpty { FileHandleOutput.standardError(message) }
        if let exitCode = error as? ExitCode { return exitCode.rawValue }
        if parserCode == .validationFailure { return usage }
        return parserCode.rawValue == 0 ? success : failure
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
