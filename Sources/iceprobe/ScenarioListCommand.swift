import ArgumentParser
import Foundation
import Lab

/// `iceprobe scenario list`: the installed scenarios that `scenario run NAME` finds, with the file
/// each name resolves to (the first directory in the search order) and its description.
struct ScenarioListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List installed scenarios (run one with `iceprobe scenario run NAME`).",
        discussion: """
        A NAME is NAME.yaml in ~/.config/iceprobe/scenarios, /etc/iceprobe/scenarios, then \
        PREFIX/share/iceprobe/scenarios next to the executable (the package's \
        /usr/share/iceprobe/scenarios); the first found wins. Exit 0, also when none are installed.
        """
    )

    func run() throws {
        let names = InstalledData.names(.scenarios)
        if names.isEmpty {
            print("no installed scenarios (searched \(InstalledData.describe(.scenarios)))")
            return
        }
        var rows: [[String]] = [["NAME", "FILE", "DESCRIPTION"]]
        for name in names {
            guard let file = InstalledData.find(name, .scenarios) else { continue }
            let description: String
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                do {
                    description = try ScenarioParser.parse(yaml: text, file: file).description
                } catch {
                    description = "(invalid: iceprobe scenario validate \(file))"
                }
            } else {
                description = "(unreadable)"
            }
            rows.append([name, file, description])
        }
        let nameWidth = rows.map { $0[0].count }.max() ?? 0
        let fileWidth = rows.map { $0[1].count }.max() ?? 0
        for row in rows {
            print(row[0].padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                  + row[1].padding(toLength: fileWidth, withPad: " ", startingAt: 0) + "  " + row[2])
        }
    }
}
