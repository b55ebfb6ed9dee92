package tlbcheck.explorer;

import tlbcheck.result.Limit;

/**
 * The wall-time bound of one search, shared by everything that runs under it (the search
 * thread, the workers, a pass over the stored graph). Immutable; safe to read from any thread.
 */
final class Clock {
  private final long start;
  private final double maxSeconds;
  private final long deadline;

  Clock(double maxSeconds) {
    this.start = System.nanoTime();
    this.maxSeconds = maxSeconds;
    double nanos = maxSeconds * 1e9;
    this.deadline = nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : start + (long) nanos;
  }

  long start() {
    return start;
  }

  long elapsed() {
    return System.nanoTime() - start;
  }

  /** Throws when the bound has passed. */
  void check() throws LimitReached {
    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
      throw new LimitReached(Limit.seconds(maxSeconds));
    }
  }
}
