package tlbcheck.explorer;

import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * Why threads cannot move, in the words a trace prints: "finished", "waits for sync to finish
 * before it starts", "blocked at 'spin_lock(mmu_lock)'"; a deadlock's explanation, one such
 * reason per thread that has not finished; and whether a thread waits for a lock.
 */
final class Blocking {
  private Blocking() {
  }

  /** Why thread {@code t} cannot move in {@code s}, or null if it can. */
  static String blocked(Semantics sem, long[] s, int t) {
    if (sem.finished(s, t)) {
      return "finished";
    }
    int pc = sem.pc(s, t);
    int waited = sem.waitsFor(s, t, pc);
    if (waited >= 0) {
      return "waits for " + sem.model.thread(waited).name() + " to finish before it starts";
    }
    for (int w = 0; w < sem.ways(t, pc); w++) {
      if (sem.enabled(s, t, w)) {
        return null;
      }
    }
    Step step = sem.model.thread(t).step(pc);
    return "blocked at '" + step.label() + "'";
  }

  /** What each thread that has not finished in {@code s} waits for. */
  static String deadlock(Semantics sem, long[] s) {
    StringBuilder sb = new StringBuilder("no thread can take a step:");
    String sep = " ";
    for (int t = 0; t < sem.threads(); t++) {
      String why = blocked(sem, s, t);
      if (!"finished".equals(why)) {
        sb.append(sep).append(sem.model.thread(t).name()).append(' ').append(why);
        sep = "; ";
      }
    }
    return sb.toString();
  }

  /**
   * Whether thread {@code t} is inside the wait of a lock: its next step is a lock acquisition
   * that is not enabled. What {@link tlbcheck.model.Metric.Kind#WAIT} metrics count.
   */
  static boolean waitsForLock(Semantics sem, long[] s, int t) {
    if (sem.finished(s, t)) {
      return false;
    }
    int pc = sem.pc(s, t);
    Step step = sem.model.thread(t).step(pc);
    return sem.waitsFor(s, t, pc) < 0 && step.kind() == StepKind.LOCK && step.hasGuard()
        && !sem.enabled(s, t, 0);
  }
}
