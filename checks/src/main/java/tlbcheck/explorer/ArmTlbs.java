package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * Under arm64, what bounds a page-table walk, in the packed state: per TLB entry, the timestamp
 * of the newest write in memory when a TLBI last dropped it (a walk that fills it may not read a
 * write overwritten at or before that), and per CPU the view its last ISB gave its walks (a walk
 * whose value is not cached, such as an invalid entry, may not read older than that). Both are
 * timestamps, which {@link ArmMemory#collect} lowers with the others. Part of {@link ArmMemory};
 * the rules that use it are {@link ArmRules}'.
 */
final class ArmTlbs {
  /** Per variable: the field of its bound, or -1 for a variable that is not a TLB entry. */
  private final int[] bound;
  /** Per thread: the field of the view its last ISB gave its walks. */
  private final int[] isb;
  /** Per thread and pc: whether a hardware step, which may walk, is at or after it. */
  private final boolean[][] walksAhead;
  /** Every field above: each holds a timestamp. */
  private final int[] fields;
  private Layout layout;

  private ArmTlbs(Model model, int[] bound, int[] isb) {
    this.bound = bound;
    this.isb = isb;
    this.walksAhead = new boolean[model.threads().size()][];
    for (ThreadDef t : model.threads()) {
      List<Step> program = t.program();
      boolean[] walks = new boolean[program.size() + 1];
      for (int pc = program.size() - 1; pc >= 0; pc--) {
        walks[pc] = walks[pc + 1] || program.get(pc).kind() == StepKind.HARDWARE;
      }
      walksAhead[t.index()] = walks;
    }
    List<Integer> all = new ArrayList<>();
    for (int f : bound) {
      if (f >= 0) {
        all.add(f);
      }
    }
    for (int f : isb) {
      all.add(f);
    }
    this.fields = all.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The fields from field {@code f} on, each a timestamp 0..cap; their sizes into sizes. */
  static ArmTlbs plan(Model model, int cap, int f, List<Integer> sizes) {
    int[] bound = new int[model.vars().size()];
    for (Var v : model.vars()) {
      bound[v.id()] = v.kind() == Var.Kind.TLB ? f++ : -1;
      if (bound[v.id()] >= 0) {
        sizes.add(cap + 1);
      }
    }
    int[] isb = new int[model.threads().size()];
    for (int t = 0; t < isb.length; t++) {
      isb[t] = f++;
      sizes.add(cap + 1);
    }
    return new ArmTlbs(model, bound, isb);
  }

  void bind(Layout l) {
    this.layout = l;
  }

  /** The fields {@link #plan} took, which hold timestamps. */
  int[] fields() {
    return fields;
  }

  /** The field of TLB entry x's bound. */
  int boundField(int x) {
    return bound[x];
  }

  /** The field of thread t's ISB view. */
  int isbField(int t) {
    return isb[t];
  }

  boolean isTlb(int x) {
    return bound[x] >= 0;
  }

  /** Whether some thread, at its pc in {@code s}, has a hardware step left, which may walk. */
  boolean walksAhead(long[] s) {
    for (int t = 0; t < walksAhead.length; t++) {
      if (walksAhead[t][layout.get(s, layout.pcBase + t)]) {
        return true;
      }
    }
    return false;
  }

  /** The bound a TLBI left on walks that fill TLB entry x. */
  int bound(long[] s, int x) {
    return layout.get(s, bound[x]);
  }

  /** A TLBI dropped TLB entry x when the newest write in memory had timestamp {@code ts}. */
  void dropped(long[] s, int x, int ts) {
    if (ts > bound(s, x)) {
      layout.set(s, bound[x], ts);
    }
  }

  /** The view thread t's last ISB gave its walks. */
  int isb(long[] s, int t) {
    return layout.get(s, isb[t]);
  }

  void raiseIsb(long[] s, int t, int ts) {
    if (ts > isb(s, t)) {
      layout.set(s, isb[t], ts);
    }
  }

  /** The least bound any walk that fills a TLB entry has in {@code s} (none: no walk). */
  int leastBound(long[] s) {
    int least = Integer.MAX_VALUE;
    for (int f : bound) {
      if (f >= 0) {
        least = Math.min(least, layout.get(s, f));
      }
    }
    return least;
  }
}
