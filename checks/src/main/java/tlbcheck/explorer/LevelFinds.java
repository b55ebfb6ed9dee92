package tlbcheck.explorer;

import tlbcheck.model.StepAssertion;

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

  /**
   * Notes what {@code gen} found in state {@code id} at {@code depth}, failed steps and a
   * deadlock, and tells {@code listeners}.
   */
  void report(SuccessorGenerator gen, int id, int depth, int moves,
      SearchListener[] listeners) {
    for (int i = 0; i < gen.failures(); i++) {
      int move = gen.failedMove(i);
      StepAssertion failed = gen.failedAssertion(i);
      if (failedStep == null) {
        failedStep = new Found(depth + 1, id, move, failed.id(), failed.text(),
            gen.failedExplanation(i), false, (long) id * moves + move);
      }
      for (SearchListener l : listeners) {
        l.stepFailed(id, move, failed.id());
      }
    }
    if (gen.deadlocked()) {
      if (deadlock == null) {
        deadlock = new Found(depth, id, -1, "DEADLOCK", "no deadlock",
            gen.deadlockExplanation(), true, id);
      }
      for (SearchListener l : listeners) {
        l.deadlock(id);
      }
    }
  }

  /** A deadlock at this depth is shorter; of the rest, the earlier transition's. */
  Found canonical() {
    return deadlock != null ? deadlock : Found.first(invariant, failedStep);
  }
}
