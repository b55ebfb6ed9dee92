package tlbcheck.explorer;

import java.util.Locale;

/**
 * Every bound of one exploration, in one immutable object (STYLE.md 10): the explorer reads
 * nothing else. Reaching a bound ends the run with an INCOMPLETE verdict.
 *
 * @param maxStates stop once this many distinct states are stored
 * @param maxSeconds stop after this much wall time
 * @param maxBytes stop before the state store would allocate more than this
 */
public record Limits(long maxStates, double maxSeconds, long maxBytes) {
  public Limits {
    if (maxStates < 1 || maxSeconds <= 0 || maxBytes < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "limits must be positive: max-states %d, max-seconds %s, max-bytes %d",
          maxStates, maxSeconds, maxBytes));
    }
  }

  /**
   * No state or time bound; the store may use 60% of the JVM's heap, leaving room for the rest
   * of the run (trace rebuilding, reports) so that the JVM never runs out first.
   */
  public static Limits defaults() {
    return new Limits(Long.MAX_VALUE, Double.MAX_VALUE, (long) (Runtime.getRuntime().maxMemory()
        * 0.6));
  }

  public Limits withMaxStates(long value) {
    return new Limits(value, maxSeconds, maxBytes);
  }

  public Limits withMaxSeconds(double value) {
    return new Limits(maxStates, value, maxBytes);
  }

  public Limits withMaxBytes(long value) {
    return new Limits(maxStates, maxSeconds, value);
  }
}
