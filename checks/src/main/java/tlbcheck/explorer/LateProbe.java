package tlbcheck.explorer;

import java.util.Arrays;

/**
 * Under arm64, what a step did when run on trial for reading late ({@link LateReads#issue}): its
 * load returns a value given in advance; the trial records which variable it loaded, how many
 * loads it made, and which registers it read and set. Any store or walk refuses the trial. One
 * per context; not thread-safe.
 */
final class LateProbe {
  /** The value the trial's load returns, or -1 when no trial runs. */
  private int value = -1;
  int var;
  int loads;
  final boolean[] read;
  final boolean[] set;

  LateProbe(int regs) {
    this.read = new boolean[regs];
    this.set = new boolean[regs];
  }

  boolean on() {
    return value >= 0;
  }

  /** Starts a trial whose load returns {@code v}; what earlier trials recorded stays. */
  void start(int v) {
    value = v;
    loads = 0;
    var = -1;
  }

  /** Forgets every trial's registers. */
  void clear() {
    Arrays.fill(read, false);
    Arrays.fill(set, false);
  }

  void stop() {
    value = -1;
  }

  /** The trial's load of x: the value given. */
  int load(int x) {
    loads++;
    var = x;
    return value;
  }
}
