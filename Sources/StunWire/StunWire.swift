/// StunWire: the STUN/TURN wire codec (RFC 8489, 8656, 6062, 5780, 3489 responses). No I/O.
public enum StunWire {}
