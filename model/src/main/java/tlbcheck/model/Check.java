package tlbcheck.model;

/** The test of a state invariant or a final property. */
@FunctionalInterface
public interface Check {
  /**
   * Returns null if the property holds in the state {@code r} reads, else what breaks it in
   * this state, in the words a trace prints ("cpu1's TLB maps frame f after the host freed it").
   */
  String violation(Reader r);
}
