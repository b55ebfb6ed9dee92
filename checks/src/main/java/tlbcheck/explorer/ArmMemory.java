package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.Arrays;
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
 * slot i; per CPU, its accesses not yet done ({@link ArmWaiting}), and the views coh(x) per
 * variable, vrNew, vrOld, vwOld and vRel; per register, the view of the loads its value depends
 * on. The variable's own field holds its newest value, the one a property or a trace reads.
 *
 * <p>Timestamps stay small and canonical: a write that no CPU can read any more (every CPU's
 * coh(x) is at or past a newer one) becomes its variable's oldest value, and the timestamps above
 * it move down by one ({@link ArmCollector}). Bounds: as many writes in the list as the program has
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
  /** Each CPU's writes, TLBIs and loads not yet done. */
  final ArmWaiting waiting;
  /** What bounds each walk: the last TLBI of each TLB entry, each CPU's last ISB. */
  final ArmTlbs tlbs;
  /** Each CPU's load that reads late: its bound and its registers' marks. */
  final ArmLateReads late;
  private final int[][] coh;
  /** Per thread: vrNew, vrOld, vwOld, vRel. */
  private final int[][] views;
  private final int regViewBase;
  /** Every field that holds a timestamp: the views, the register views, the TLBI bounds. */
  private final int[] timestamps;
  /** Drops the writes no CPU can read any more. */
  private final ArmCollector collector;
  private Layout layout;

  static final int VR_NEW = 0;
  static final int VR_OLD = 1;
  static final int VW_OLD = 2;
  static final int V_REL = 3;

  private ArmMemory(Model model, int maxValues, int cap, int[] base, int countField, int[] slot,
      ArmWaiting waiting, int[][] coh, int[][] views, int regViewBase, ArmTlbs tlbs,
      int lateField, List<Integer> sizes) {
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
    this.late = ArmLateReads.plan(model, cap, lateField, sizes);
    List<Integer> ts = new ArrayList<>();
    for (int t = 0; t < coh.length; t++) {
      Arrays.stream(coh[t]).forEach(ts::add);
      Arrays.stream(views[t]).forEach(ts::add);
    }
    for (int r = 0; r < model.regs().size(); r++) {
      ts.add(regViewBase + r);
    }
    Arrays.stream(tlbs.fields()).forEach(ts::add);
    Arrays.stream(late.timestampFields()).forEach(ts::add);
    this.timestamps = ts.stream().mapToInt(Integer::intValue).toArray();
    this.collector = new ArmCollector(this);
  }

  /** The fields of {@code model}'s Armv8 memory from field {@code f}; sizes into {@code sizes}. */
  static ArmMemory plan(Model model, int f, List<Integer> sizes) {
    int first = f - sizes.size();
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
        regViewBase, tlbs, first + sizes.size(), sizes);
  }

  void bind(Layout l) {
    this.layout = l;
    waiting.bind(l);
    tlbs.bind(l);
    late.bind(l);
  }

  /** The initial state's oldest values: every variable's initial value. */
  void init(long[] s) {
    for (int x = 0; x < vars; x++) {
      layout.set(s, base[x], model.vars().get(x).initial());
    }
  }

  /** CPU t's views: coh(x) per variable, vrNew, vrOld, vwOld, vRel and its ISB view. */
  void viewFieldsOf(int t, List<Integer> out) {
    Arrays.stream(coh[t]).forEach(out::add);
    Arrays.stream(views[t]).forEach(out::add);
    out.add(tlbs.isbField(t));
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

  /** Thread t's program counter. */
  int pc(long[] s, int t) {
    return layout.get(s, layout.pcBase + t);
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

  /** Thread t's fields, which a symmetry moves with it: its views, waiting writes, ISB view. */
  void fieldsOf(ThreadDef t, List<Integer> out) {
    for (int f : coh[t.index()]) {
      out.add(f);
    }
    for (int f : views[t.index()]) {
      out.add(f);
    }
    t.regs().forEach(r -> out.add(regViewBase + r.id()));
    waiting.fieldsOf(t.index(), out);
    out.add(tlbs.isbField(t.index()));
    late.fieldsOf(t, out);
  }

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

  /** Drops the writes no CPU can read any more: {@link ArmCollector#collect}. */
  void collect(long[] s) {
    collector.collect(s);
  }

  /** Write {@code ts} of x becomes x's oldest value; the timestamps above it move down. */
  void makeOldest(long[] s, int x, int ts) {
    layout.set(s, base[x], value(s, x, ts));
    int n = count(s);
    for (int i = ts; i < n; i++) {
      layout.set(s, slot[i - 1], layout.get(s, slot[i]));
    }
    layout.set(s, slot[n - 1], 0);
    layout.set(s, countField, n - 1);
    for (int f : timestamps) {
      int v = layout.get(s, f);
      if (v >= ts) {
        layout.set(s, f, v - 1);
      }
    }
  }
}
