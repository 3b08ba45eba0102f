/// Diagnosis: pure classifiers, thresholds, delay and MOS models, findings, reports and renderers.
public enum Diagnosis {}
