package tlbcheck.result;

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

  /** The figures that are the same on every run: states, transitions, depth, bytes/state. */
  public String counts() {
    return String.format(Locale.ROOT, "states %,d  transitions %,d  depth %d  bytes/state %.1f",
        states, transitions, depth, bytesPerState());
  }

  /**
   * The figures the model alone decides: states, transitions and depth; not the store's bytes,
   * which the store's layout decides. What golden files pin.
   */
  public String graph() {
    return String.format(Locale.ROOT, "states %,d  transitions %,d  depth %d", states,
        transitions, depth);
  }

  /** The figures that vary from run to run: wall time and states per second. */
  public String timing() {
    return String.format(Locale.ROOT, "time %.3f s  states/s %,.0f", seconds(),
        statesPerSecond());
  }
}
