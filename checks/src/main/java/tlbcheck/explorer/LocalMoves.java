package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.Order;
import tlbcheck.model.Step;

/**
 * The partial-order reduction under arm64 ({@link Reductions#partialOrder()}): in a state where
 * some thread's next step is local, that step is the state's only move. The other orders of the
 * same moves reach the same states, so they need not be explored: the state's persistent set is
 * that one move (Godefroid, "Partial-Order Methods for the Verification of Concurrent Systems",
 * LNCS 1032, 1996, chapter 4; Peled, CAV 1993, conditions C0 to C3).
 *
 * <p>A step is local here when it has one way and no guard, reads no shared variable and fails no
 * assertion, and its move changes nothing but its thread's pc and the stores and TLBIs its CPU
 * has waiting, and, if none waits, its CPU's views: under Armv8 a WRITE_ONCE, a store-release,
 * a TLBI, a DMB ISHST or a DSB ISHST, and a DMB, DSB or ISB when its CPU has nothing waiting. A
 * step on registers is not local: properties read registers. Why that one move is enough:
 *
 * <ul>
 *   <li>C1, independence. No other thread's move reads or writes what a local move changes (a
 *       thread's pc, waiting entries and views are its own; guards and properties read memory
 *       and registers; {@link ArmCollector} reads every view, but only to drop writes no CPU can
 *       read, the same in either order), and nothing can disable it, as it has no guard. Its
 *       CPU's own waiting entries reaching memory commute with it: a new entry goes behind them,
 *       and what decides whether one may reach memory is the entries before it ({@link
 *       ArmWaiting#remove} clears what orders nothing any more, so both orders pack the same).
 *       A barrier that reads the CPU's views (DMB ISH, DMB ISHLD, DSB, ISB) does not commute with
 *       its CPU's stores reaching memory, so it is local only when none waits. LocalMovesTest
 *       checks this in every state of the models it runs.
 *   <li>C2, invisibility. Invariants and final properties read variables and registers ({@link
 *       tlbcheck.model.Reader}), which a local move leaves alone; so along any execution, moving
 *       it earlier changes no state a property sees, and a violation, a deadlock or a final state
 *       of the whole graph is still reached.
 *   <li>C3, the cycle proviso, is not needed: under arm64 a program runs forward only ({@link
 *       Semantics} refuses a jump back), so every move raises the sum of the pcs or takes an entry
 *       out of a CPU's waiting list, and the state graph has no cycle.
 * </ul>
 *
 * <p>A {@link Metric.Kind#COUNTED} metric keeps its value: for every execution of the whole
 * graph the reduced one has an execution with the same moves and perhaps more local ones, each
 * move taken where variables and registers are as they were, so each counts as it did. The other
 * kinds are not kept: a local step taken earlier may be taken where a {@code STEPS_WHILE}
 * condition does not hold yet (M4's TLBI issued before the invalid entry reaches memory, so
 * outside the window it counts in), or while no thread waits for a lock; two threads each inside
 * a span of local steps are never inside at once ({@code PEAK}). Nor are necessity's steps that
 * act in some state. With any of those the search takes every move. One per {@link
 * SuccessorGenerator}: not thread-safe.
 */
final class LocalMoves {
  private final Semantics sem;
  /** Per thread, the bits of its pc and its waiting entries in the packed state. */
  private final long[][] own;
  /** Per thread, those and the bits of its CPU's views. */
  private final long[][] ownAndViews;
  private final long[] scratch;

  LocalMoves(Semantics sem) {
    this.sem = sem;
    Layout layout = sem.layout;
    this.own = new long[sem.threads()][];
    this.ownAndViews = new long[own.length][];
    for (int t = 0; t < own.length; t++) {
      List<Integer> fields = new ArrayList<>();
      fields.add(layout.pcBase + t);
      layout.arm.waiting.fieldsOf(t, fields);
      own[t] = mask(layout, fields);
      layout.arm.viewFieldsOf(t, fields);
      ownAndViews[t] = mask(layout, fields);
    }
    this.scratch = new long[layout.words];
  }

  /**
   * Whether the reduction keeps what a search of {@code model} reads: properties, and metrics
   * that are {@link Metric.Kind#COUNTED}; not necessity's steps that act ({@code trackActs}).
   */
  static boolean keeps(Model model, boolean trackActs) {
    return !trackActs
        && model.metrics().stream().allMatch(m -> m.kind() == Metric.Kind.COUNTED);
  }

  /**
   * Cuts the moves {@code enabled[0..n)} of {@code s} down to the first local one in canonical
   * order, if there is one; returns how many are left.
   */
  int reduce(long[] s, int[] enabled, int n) {
    int move = select(s, enabled, n);
    if (move < 0) {
      return n;
    }
    enabled[0] = move;
    return 1;
  }

  /** The first local move among {@code enabled[0..n)}, or -1. */
  private int select(long[] s, int[] enabled, int n) {
    for (int i = 0; i < n; i++) {
      int move = enabled[i];
      int t = sem.threadOf(move);
      int way = sem.wayOf(move);
      if (way != 0 || sem.isDrain(t, way)) {
        continue;
      }
      Step step = sem.model.thread(t).step(sem.pc(s, t));
      if (step.ways() != 1 || step.hasGuard()
          || readsViews(step.order()) && sem.waiting.pending(s, t)) {
        continue;
      }
      System.arraycopy(s, 0, scratch, 0, s.length);
      try {
        sem.applyEnabled(scratch, move);
      } catch (ArmRules.Blocked b) {
        continue;
      }
      long[] mine = sem.waiting.pending(s, t) ? own[t] : ownAndViews[t];
      if (!sem.lastStepShared() && sem.failedAssertion() == null && onlyIn(mine, s, scratch)) {
        return move;
      }
    }
    return -1;
  }

  private static long[] mask(Layout layout, List<Integer> fields) {
    long[] bits = new long[layout.words];
    for (int f : fields) {
      layout.setAll(bits, f);
    }
    return bits;
  }

  /** Whether a barrier of this order reads its CPU's views, which its stores raise. */
  private static boolean readsViews(Order o) {
    return o == Order.MB || o == Order.RMB || o == Order.DSB || o == Order.ISB;
  }

  /** Whether {@code a} and {@code b} differ only in the bits of {@code mine}. */
  private static boolean onlyIn(long[] mine, long[] a, long[] b) {
    for (int w = 0; w < a.length; w++) {
      if (((a[w] ^ b[w]) & ~mine[w]) != 0) {
        return false;
      }
    }
    return true;
  }
}
