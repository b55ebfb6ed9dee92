package tlbcheck.report;

import java.util.Locale;

/**
 * The statistics of one run: distinct states stored, transitions taken (including those into
 * states seen before), the depth of the deepest state (steps from the initial one), wall time,
 * and the bytes the explorer allocated for its state store.
 */
public record Stats(long states, long transitions, int depth, long nanos, long storeBytes) {
  public double seconds() {
    return nanos / 1e9;
  }

  public double statesPerSecond() {
    return nanos == 0 ? 0 : states / seconds();
  }

  public double bytesPerState() {
    return states == 0 ? 0 : (double) storeBytes / states;
  }

  /** One line: {@code states 1,234  transitions ...}. Wall time is the only varying figure. */
  public String line() {
    return String.format(Locale.ROOT,
        "states %,d  transitions %,d  depth %d  time %.3f s  states/s %,.0f  bytes/state %.1f",
        states, transitions, depth, seconds(), statesPerSecond(), bytesPerState());
  }
}
