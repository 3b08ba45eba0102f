import Testing
@testable import Diagnosis

/// Where installed profiles and scenarios are looked up: user, machine, then the package's
/// directory next to the executable; names versus paths; listing.
struct DataSearchPathTests {
    @Test("order: XDG_CONFIG_HOME (else ~/.config), /etc, then PREFIX/share next to PREFIX/bin")
    func order() {
        let packaged = DataSearchPath(kind: .profiles, environment: ["HOME": "/home/tech"], executablePath: "/usr/bin/iceprobe")
        #expect(packaged.directories == ["/home/tech/.config/iceprobe/profiles", "/etc/iceprobe/profiles", "/usr/share/iceprobe/profiles"])
        let xdg = DataSearchPath(kind: .scenarios, environment: ["HOME": "/root", "XDG_CONFIG_HOME": "/cfg/"],
                                 executablePath: "/usr/local/bin/iceprobe")
        #expect(xdg.directories == ["/cfg/iceprobe/scenarios", "/etc/iceprobe/scenarios", "/usr/local/share/iceprobe/scenarios"])
    }

    @Test("a build directory, a relative executable or a relative HOME adds no directory")
    func noPrefix() {
        let debug = DataSearchPath(kind: .profiles, environment: ["HOME": "relative", "XDG_CONFIG_HOME": "also"],
                                   executablePath: "/work/iceprobe/.build/debug/iceprobe")
        #expect(debug.directories == ["/etc/iceprobe/profiles"])
        #expect(DataSearchPath.installPrefix(executablePath: "bin/iceprobe") == nil)
        #expect(DataSearchPath.installPrefix(executablePath: "/opt/iceprobe/bin/iceprobe") == "/opt/iceprobe")
        #expect(DataSearchPath.installPrefix(executablePath: "/usr//bin/iceprobe") == "/usr")
        #expect(DataSearchPath.installPrefix(executablePath: "/") == nil)
    }

    @Test("the first directory holding NAME.ext wins")
    func find() {
        let path = DataSearchPath(kind: .profiles, environment: ["HOME": "/h"], executablePath: "/usr/bin/iceprobe")
        let present: Set = ["/etc/iceprobe/profiles/site.json", "/usr/share/iceprobe/profiles/site.json",
                            "/usr/share/iceprobe/profiles/lab.json"]
        #expect(path.find("site") { present.contains($0) } == "/etc/iceprobe/profiles/site.json")
        #expect(path.find("lab") { present.contains($0) } == "/usr/share/iceprobe/profiles/lab.json")
        #expect(path.find("missing") { present.contains($0) } == nil)
        #expect(path.candidates(for: "x") == ["/h/.config/iceprobe/profiles/x.json", "/etc/iceprobe/profiles/x.json",
                                              "/usr/share/iceprobe/profiles/x.json"])
    }

    @Test("paths versus names")
    func pathsAndNames() {
        let profiles = DataSearchPath(kind: .profiles, environment: [:], executablePath: "/usr/bin/iceprobe")
        let scenarios = DataSearchPath(kind: .scenarios, environment: [:], executablePath: "/usr/bin/iceprobe")
        for path in ["site.json", "./lab", "dir/lab", "/etc/x", "", ".hidden"] { #expect(profiles.isPath(path), "\(path)") }
        for name in ["lab", "twilio", "site-1", "lab.yaml"] { #expect(!profiles.isPath(name), "\(name)") }
        for path in ["home-router.yaml", "x.yml", "Scenarios/home-router"] { #expect(scenarios.isPath(path), "\(path)") }
        #expect(!scenarios.isPath("home-router"))
    }

    @Test("listing: this kind's files, extension removed, each name once, sorted")
    func names() {
        let path = DataSearchPath(kind: .scenarios, environment: ["HOME": "/h"], executablePath: "/usr/bin/iceprobe")
        let listings = [
            "/h/.config/iceprobe/scenarios": ["mine.yaml", "home-router.yaml", "notes.txt"],
            "/usr/share/iceprobe/scenarios": ["home-router.yaml", "dropouts.yaml", ".hidden.yaml", "README.md"],
        ]
        #expect(path.names { listings[$0] ?? [] } == ["dropouts", "home-router", "mine"])
    }
}
