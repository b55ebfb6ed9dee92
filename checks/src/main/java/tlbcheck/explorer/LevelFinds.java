package tlbcheck.explorer;

/**
 * What the expansion of one breadth-first level has found so far: the first deadlock in it,
 * and the first violation one step deeper (a broken state, or a failed step).
 */
final class LevelFinds {
  Found deadlock;
  Found invariant;
  Found failedStep;

  /**
   * Without the whole graph wanted, once a violation one step deeper is known, only a deadlock
   * matters.
   */
  boolean stopGenerating(boolean exhaustive) {
    return !exhaustive && (invariant != null || failedStep != null);
  }

  /** A deadlock at this depth is shorter; of the rest, the earlier transition's. */
  Found canonical() {
    return deadlock != null ? deadlock : Found.first(invariant, failedStep);
  }
}
