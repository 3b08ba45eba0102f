/// Probes: STUN, NAT behaviour, TURN and region latency runs that produce observations.
public enum Probes {}
