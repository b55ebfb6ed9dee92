package tlbcheck.explorer;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * Armv8-A's memory in the packed state: one memory that every other CPU sees at once (Armv8 is
 * other-multicopy-atomic since 2017; Pulte et al., "Simplifying ARM concurrency", POPL 2018), as
 * a list of the writes still readable, in coherence order, each with a timestamp; and per CPU,
 * the writes it has made that have not reached memory, and the views of Promising-ARM (Pulte et
 * al., "Promising-ARM/RISC-V", PLDI 2019, figure 4), which say how old a write a load may still
 * read. The rules it applies are {@link ArmRules}'; this class is their state.
 *
 * <p>Fields, after the registers: per variable the value of its oldest readable write (its
 * timestamp is 0); the number of later writes and each as (variable, value), timestamp i + 1 for
 * slot i; per CPU, its writes not yet in memory ({@link ArmWaiting}), and the views coh(x) per
 * variable, vrNew, vrOld, vwOld and vRel; per register, the view of the loads its value depends
 * on. The variable's own field holds its newest value, the one a property or a trace reads.
 *
 * <p>Timestamps stay small and canonical: a write that no CPU can read any more (every CPU's
 * coh(x) is at or past a newer one) becomes its variable's oldest value, and the timestamps above
 * it move down by one ({@link #collect}). Bounds: as many writes in the list as the program has
 * steps, as many waiting per CPU as its program has steps; a program with backward jumps that
 * exceeds them is refused.
 */
final class ArmMemory {
  final Model model;
  final int vars;
  final int maxValues;
  /** Timestamps run 0..cap. */
  final int cap;
  private final int[] base;
  private final int countField;
  private final int[] slot;
  /** Each CPU's writes not yet in memory. */
  final ArmWaiting waiting;
  /** What bounds each walk: the last TLBI of each TLB entry, each CPU's last ISB. */
  final ArmTlbs tlbs;
  private final int[][] coh;
  /** Per thread: vrNew, vrOld, vwOld, vRel. */
  private final int[][] views;
  private final int regViewBase;
  /**
   * Per thread and pc: whether a software or lock step is at or after it, which may load an
   * older write; a program with a backward jump has one everywhere.
   */
  private final boolean[][] loadsAhead;
  private Layout layout;

  static final int VR_NEW = 0;
  static final int VR_OLD = 1;
  static final int VW_OLD = 2;
  static final int V_REL = 3;

  private ArmMemory(Model model, int maxValues, int cap, int[] base, int countField, int[] slot,
      ArmWaiting waiting, int[][] coh, int[][] views, int regViewBase, ArmTlbs tlbs) {
    this.model = model;
    this.vars = model.vars().size();
    this.maxValues = maxValues;
    this.cap = cap;
    this.base = base;
    this.countField = countField;
    this.slot = slot;
    this.waiting = waiting;
    this.coh = coh;
    this.views = views;
    this.regViewBase = regViewBase;
    this.tlbs = tlbs;
    this.loadsAhead = new boolean[model.threads().size()][];

    for (ThreadDef t : model.threads()) {
      List<Step> program = t.program();
      boolean[] ahead = new boolean[program.size() + 1];
      for (int pc = program.size() - 1; pc >= 0; pc--) {
        Step step = program.get(pc);
        ahead[pc] = ahead[pc + 1] || step.kind() == StepKind.SOFTWARE
            || step.kind() == StepKind.LOCK;
      }
      loadsAhead[t.index()] = ahead;

    }
  }

  /** The fields of {@code model}'s Armv8 memory from field {@code f}; sizes into {@code sizes}. */
  static ArmMemory plan(Model model, int f, List<Integer> sizes) {
    int maxValues = 1;
    for (Var v : model.vars()) {
      maxValues = Math.max(maxValues, v.domain().size());
    }
    int vars = model.vars().size();
    int steps = 0;
    for (ThreadDef t : model.threads()) {
      for (Step step : t.program()) {
        steps += step.ways();
      }
    }
    int cap = Math.max(1, steps);
    int n = model.threads().size();
    int[] base = new int[vars];
    for (int x = 0; x < vars; x++) {
      base[x] = f++;
      sizes.add(model.vars().get(x).domain().size());
    }
    int countField = f++;
    sizes.add(cap + 1);
    int[] slot = new int[cap];
    for (int i = 0; i < cap; i++) {
      slot[i] = f++;
      sizes.add(vars * maxValues);
    }
    ArmWaiting waiting = ArmWaiting.plan(model, maxValues, f, sizes);
    f += waiting.fields();
    int[][] coh = new int[n][vars];
    int[][] views = new int[n][4];
    for (ThreadDef t : model.threads()) {
      for (int x = 0; x < vars; x++) {
        coh[t.index()][x] = f++;
        sizes.add(cap + 1);
      }
      for (int v = 0; v < 4; v++) {
        views[t.index()][v] = f++;
        sizes.add(cap + 1);
      }
    }
    int regViewBase = f;
    for (int r = 0; r < model.regs().size(); r++) {
      sizes.add(cap + 1);
    }
    ArmTlbs tlbs = ArmTlbs.plan(model, cap, f + model.regs().size(), sizes);
    return new ArmMemory(model, maxValues, cap, base, countField, slot, waiting, coh, views,
        regViewBase, tlbs);
  }

  void bind(Layout l) {
    this.layout = l;
    waiting.bind(l);
    tlbs.bind(l);
  }

  /** The initial state's oldest values: every variable's initial value. */
  void init(long[] s) {
    for (int x = 0; x < vars; x++) {
      layout.set(s, base[x], model.vars().get(x).initial());
    }
  }

  // The write list.

  int count(long[] s) {
    return layout.get(s, countField);
  }

  int loc(long[] s, int ts) {
    return layout.get(s, slot[ts - 1]) / maxValues;
  }

  /** The value of variable x's write at timestamp {@code ts}; 0 is its oldest readable one. */
  int value(long[] s, int x, int ts) {
    return ts == 0 ? layout.get(s, base[x]) : layout.get(s, slot[ts - 1]) % maxValues;
  }

  /** Variable x's field: its newest value in memory, or a TLB entry's value. */
  int current(long[] s, int x) {
    return layout.get(s, x);
  }

  /** The timestamp of x's newest write at or below {@code bound} (0 if none in the list). */
  int latestAtOrBelow(long[] s, int x, int bound) {
    for (int ts = Math.min(bound, count(s)); ts > 0; ts--) {
      if (loc(s, ts) == x) {
        return ts;
      }
    }
    return 0;
  }

  /** Appends a write of {@code value} to x: it reaches memory; returns its timestamp. */
  int append(long[] s, int x, int value) {
    int n = count(s);
    if (n == cap) {
      throw new ModelError("model " + model.name() + ": under arm64 more writes are readable "
          + "at once than the program has steps (" + cap + "); a program with backward jumps "
          + "can make more");
    }
    layout.set(s, slot[n], x * maxValues + value);
    layout.set(s, countField, n + 1);
    return n + 1;
  }

  // Per-thread state.

  int view(long[] s, int t, int which) {
    return layout.get(s, views[t][which]);
  }

  void raise(long[] s, int t, int which, int v) {
    if (v > view(s, t, which)) {
      layout.set(s, views[t][which], v);
    }
  }

  int coh(long[] s, int t, int x) {
    return layout.get(s, coh[t][x]);
  }

  void raiseCoh(long[] s, int t, int x, int v) {
    if (v > coh(s, t, x)) {
      layout.set(s, coh[t][x], v);
    }
  }

  int regView(long[] s, int reg) {
    return layout.get(s, regViewBase + reg);
  }

  void setRegView(long[] s, int reg, int v) {
    layout.set(s, regViewBase + reg, v);
  }

  /**
   * Drops writes no CPU can read any more and renumbers the rest, so that equal memories pack
   * equally: the oldest listed write of x becomes x's oldest value once no CPU can read x's
   * oldest value ({@link #seenByAll}); every timestamp and view above it moves down by one, and
   * one at it too, to the newest write below it, which bounds the same writes of every other
   * variable.
   */
  void collect(long[] s) {
    boolean again = true;
    while (again) {
      again = false;
      for (int ts = 1; ts <= count(s) && !again; ts++) {
        int x = loc(s, ts);
        if (latestAtOrBelow(s, x, ts - 1) == 0 && seenByAll(s, x, ts)) {
          layout.set(s, base[x], value(s, x, ts));
          drop(s, ts);
          again = true;
        }
      }
    }
  }

  /**
   * Whether no CPU can read a write of x older than the one at {@code ts}: each has no software
   * step left, or has seen {@code ts} or a newer write of x at or below max(coh(x), vrNew), the
   * least bound any of its future loads of x has; and for a translation-table entry, no
   * hardware step is left, or every TLB entry's bound is at or past a newer write (a walk may
   * read back to its TLB entry's bound; any other hardware load reads the newest write).
   */
  private boolean seenByAll(long[] s, int x, int ts) {
    if (model.vars().get(x).kind() == Var.Kind.TABLE
        && latestAtOrBelow(s, x, tlbs.leastBound(s)) < ts && tlbs.walksAhead(s)) {
      return false;
    }
    for (int t = 0; t < coh.length; t++) {
      if (!loadsAhead[t][layout.get(s, layout.pcBase + t)]) {
        continue;
      }
      int bound = Math.max(coh(s, t, x), view(s, t, VR_NEW));
      if (latestAtOrBelow(s, x, bound) < ts) {
        return false;
      }
    }
    return true;
  }

  private void drop(long[] s, int ts) {
    int n = count(s);
    for (int i = ts; i < n; i++) {
      layout.set(s, slot[i - 1], layout.get(s, slot[i]));
    }
    layout.set(s, slot[n - 1], 0);
    layout.set(s, countField, n - 1);
    for (int t = 0; t < coh.length; t++) {
      for (int x = 0; x < vars; x++) {
        lower(s, coh[t][x], ts);
      }
      for (int v = 0; v < 4; v++) {
        lower(s, views[t][v], ts);
      }
    }
    for (int r = 0; r < model.regs().size(); r++) {
      lower(s, regViewBase + r, ts);
    }
    for (int f : tlbs.fields()) {
      lower(s, f, ts);
    }
  }

  private void lower(long[] s, int field, int ts) {
    int v = layout.get(s, field);
    if (v >= ts) {
      layout.set(s, field, v - 1);
    }
  }
}
