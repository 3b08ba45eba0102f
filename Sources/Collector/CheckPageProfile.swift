import Diagnosis

/// A profile the check page may be opened with (`/check?profile=NAME`), and the TURN credential
/// its page is handed.
public struct CheckPageProfile: Sendable {
    public var profile: Profile
    public var credential: CheckPageCredential

    public init(profile: Profile, credential: CheckPageCredential) {
        self.profile = profile
        self.credential = credential
    }
}
