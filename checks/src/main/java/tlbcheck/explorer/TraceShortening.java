package tlbcheck.explorer;

import tlbcheck.model.ModelError;

/**
 * Takes out of a counterexample found under the partial-order reduction the steps the violation
 * does not need. The reduction takes a local step as soon as its thread can ({@link
 * LocalMoves}), so the shortest path to a violation in the reduced graph may carry steps the
 * shortest execution would not take: a store issued, or a barrier passed, by a thread that does
 * nothing after it. Taking such a step out leaves an execution of the same model (the step was
 * independent of every later move), which is checked by running it again.
 *
 * <p>From the last move back, each thread's last step (later moves of its CPU's waiting entries
 * aside) is tried without: it is left out if the shorter path still runs and ends in the same
 * violation, and in none before it. Deterministic: the same path gives the
 * same shorter one.
 */
final class TraceShortening {
  private TraceShortening() {
  }

  /** {@code moves}, real moves from the initial state to {@code found}, less what it needs not. */
  static int[] of(Found found, Semantics sem, int[] moves) {
    int[] path = moves;
    // A failed step assertion is the path's last move, and stays.
    int last = found.move() >= 0 ? path.length - 2 : path.length - 1;
    for (int i = last; i >= 0; i--) {
      int t = sem.threadOf(path[i]);
      if (sem.isDrain(t, sem.wayOf(path[i])) || stepsAfter(sem, path, i, t)) {
        continue;
      }
      int[] without = new int[path.length - 1];
      System.arraycopy(path, 0, without, 0, i);
      System.arraycopy(path, i + 1, without, i, path.length - i - 1);
      if (endsIn(found, sem, without)) {
        path = without;
      }
    }
    return path;
  }

  /** Whether thread t takes a step after move i: not a waiting entry taking effect. */
  private static boolean stepsAfter(Semantics sem, int[] path, int i, int t) {
    for (int j = i + 1; j < path.length; j++) {
      if (sem.threadOf(path[j]) == t && !sem.isDrain(t, sem.wayOf(path[j]))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code path} runs from the initial state and ends in the violation found, and in no
   * other before it.
   */
  private static boolean endsIn(Found found, Semantics sem, int[] path) {
    long[] s = sem.layout.initial(sem.model);
    try {
      for (int i = 0; i < path.length; i++) {
        if (sem.broken(s) != null) {
          return false;
        }
        sem.apply(s, sem.threadOf(path[i]), sem.wayOf(path[i]));
      }
    } catch (IllegalStateException | ArmRules.Blocked | ModelError e) {
      return false;
    }
    if (found.deadlock()) {
      return !sem.anyEnabled(s) && !sem.allFinished(s);
    }
    if (found.move() >= 0) {
      return sem.failedAssertion() != null
          && sem.failedAssertion().id().equals(found.property());
    }
    Semantics.Broken b = sem.broken(s);
    return b != null && b.property().equals(found.property());
  }
}
