/// ProbeTransport: sockets, DNS, TLS, transactions and retransmission, with an injectable clock.
public enum ProbeTransport {}
