/// Lab: scenario files, namespace topologies, NAT and firewall rules, impairments, coturn.
public enum Lab {}
