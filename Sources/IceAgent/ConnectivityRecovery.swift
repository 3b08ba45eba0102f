/// What the two-agent check does when one agent reports FAILED: a pure decision, tested apart
/// from libnice.
///
/// With libnice's aggressive nomination, an agent can end FAILED although the controlling agent
/// had already selected a working pair in the same attempt: once in about ten CI runs of the
/// 12-pair matrix (`Scenarios/connect-matrix.yaml`), the controlled agent kept no nominated pair
/// and gave up at libnice's 5 s idle timeout (the only FAILED path of libnice 0.1.21 that fits; 440 lab runs
/// did not reproduce it, so the interleaving is not proven). A WebRTC application answers a failed
/// ICE state with an ICE restart; the check does the same, once by default, and only when paths
/// did work in that attempt. When no pair was ever selected, the failure is the real answer (no
/// path between the two sides) and is reported at once. Every restart is reported
/// (``ConnectivityReport/iceRestarts`` and ``ConnectivityReport/firstAttemptFailure``).
public enum ConnectivityRecovery: Equatable, Sendable {
    /// Restart ICE on both agents and exchange credentials and candidates again.
    case restart
    /// Report the failure.
    case finish

    /// - Parameters:
    ///   - pairSelectedThisAttempt: the controlling agent reported a selected pair since the last
    ///     (re)start, so a path between the two sides worked.
    ///   - restartsSoFar: ICE restarts already made.
    ///   - maxRestarts: the plan's ``ConnectivityPlan/maxIceRestarts``.
    public static func onAgentFailed(pairSelectedThisAttempt: Bool, restartsSoFar: Int,
                                     maxRestarts: Int) -> ConnectivityRecovery {
        pairSelectedThisAttempt && restartsSoFar < maxRestarts ? .restart : .finish
    }
}
