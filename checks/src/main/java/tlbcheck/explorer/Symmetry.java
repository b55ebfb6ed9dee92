package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.Reg;
import tlbcheck.model.Symmetric;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * Symmetry reduction over threads declared copies of one another ({@link Symmetric}): each
 * state is replaced by the canonical member of its class, the one whose threads' slices (program
 * counter, registers, per-CPU variables) are sorted, so that states equal up to a permutation of
 * identical vCPUs are stored once. Sound because a permutation of such threads maps executions to
 * executions and leaves every property and metric as it is, which holds when:
 * <ul>
 *   <li>the threads are alike (checked when the model is built; that their steps treat their
 *       CPUs alike is checked by SymmetryTest, exploring each model without the reduction);</li>
 *   <li>no start order tells them apart: a group with members of different start order, or a
 *       member another thread waits for, is not used (a race's order, {@link
 *       Model#startingAfter});</li>
 *   <li>a metric's spans treat them alike: a group is not used unless each member has spans at
 *       the same places; a WAIT metric's per-span sums move with the threads (MetricPass);</li>
 *   <li>under x86, each thread's store buffer moves with it, and a group whose threads own
 *       per-CPU variables is not used, since a buffered store to one would have to be renamed
 *       in every thread's buffer;</li>
 *   <li>under arm64, each thread's views, waiting writes and ISB view move with it, and each
 *       per-CPU TLB entry's TLBI bound with the entry; a group whose threads own per-CPU
 *       variables in memory is not used, for the same reason as under x86 (and since views
 *       name their coherence per variable). Timestamps name writes of every CPU alike.</li>
 * </ul>
 * A trace found in the reduced graph is turned back into a real one by {@link #realMoves}, and
 * its explanation is that of the real state. Not thread-safe: it keeps scratch arrays.
 */
final class Symmetry {
  /** Per usable group: its threads, and per thread the fields of its slice. */
  private final int[][] groups;
  private final int[][][] fields;
  private final int[][] slices;
  private final int[] order;

  private Symmetry(Layout layout, Model model, List<Symmetric> usable) {
    groups = new int[usable.size()][];
    fields = new int[usable.size()][][];
    int widest = 1;
    int largest = 1;
    for (int g = 0; g < usable.size(); g++) {
      Symmetric s = usable.get(g);
      groups[g] = s.threads().stream().mapToInt(Integer::intValue).toArray();
      fields[g] = new int[groups[g].length][];
      for (int i = 0; i < groups[g].length; i++) {
        ThreadDef t = model.thread(groups[g][i]);
        List<Integer> f = new ArrayList<>();
        f.add(layout.pcBase + t.index());
        for (Reg r : t.regs()) {
          f.add(layout.regBase + r.id());
        }
        f.addAll(s.vars().get(i));
        if (layout.arm != null) {
          layout.arm.fieldsOf(t, f);
          for (int x : s.vars().get(i)) {
            f.add(layout.arm.tlbs.boundField(x));
          }
        }
        if (layout.buffers != null) {
          // Under x86 a thread's store buffer moves with it; its entries name shared variables
          // that no permutation of the group renames (a group with per-CPU variables is not
          // used, see of()).
          for (int b : layout.buffers.fields(t.index())) {
            f.add(b);
          }
        }
        fields[g][i] = f.stream().mapToInt(Integer::intValue).toArray();
        widest = Math.max(widest, fields[g][i].length);
      }
      largest = Math.max(largest, groups[g].length);
    }
    slices = new int[largest][widest];
    order = new int[largest];
  }

  /** The reduction for {@code sem}'s model, or null when it has no group it can use. */
  static Symmetry of(Semantics sem) {
    Model model = sem.model;
    List<Metric.Span> allSpans = new ArrayList<>();
    for (Metric m : model.metrics()) {
      allSpans.addAll(m.spans());
    }
    List<Symmetric> usable = new ArrayList<>();
    for (Symmetric s : model.symmetries()) {
      boolean buffersMove = sem.layout.buffers == null
          || s.vars().stream().allMatch(List::isEmpty);
      if (sem.layout.arm != null) {
        buffersMove = s.vars().stream().flatMap(List::stream)
            .allMatch(x -> model.vars().get(x).kind() == Var.Kind.TLB);
      }
      if (s.threads().size() > 1 && sameStartOrder(model, s) && alikeSpans(s, allSpans)
          && buffersMove) {
        usable.add(s);
      }
    }
    return usable.isEmpty() ? null : new Symmetry(sem.layout, model, usable);
  }

  private static boolean sameStartOrder(Model model, Symmetric s) {
    int[] first = model.thread(s.threads().get(0)).startsAfter();
    for (ThreadDef t : model.threads()) {
      for (int u : t.startsAfter()) {
        if (s.threads().contains(u)) {
          return false;
        }
      }
      if (s.threads().contains(t.index()) && !Arrays.equals(t.startsAfter(), first)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every member of {@code s} has a span at each place one member has one. */
  private static boolean alikeSpans(Symmetric s, List<Metric.Span> spans) {
    for (Metric.Span a : spans) {
      if (!s.threads().contains(a.thread())) {
        continue;
      }
      for (int u : s.threads()) {
        boolean found = spans.stream().anyMatch(b -> b.thread() == u
            && b.from().pc() == a.from().pc() && b.to().pc() == a.to().pc());
        if (!found) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Rewrites {@code s} into the canonical member of its class. If {@code perm} is not null it
   * receives, for each thread slot t, the thread whose slice moved into t (identity elsewhere).
   */
  void canonicalize(Layout layout, long[] s, int[] perm) {
    if (perm != null) {
      for (int t = 0; t < perm.length; t++) {
        perm[t] = t;
      }
    }
    for (int g = 0; g < groups.length; g++) {
      int k = groups[g].length;
      int[][] f = fields[g];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < f[i].length; j++) {
          slices[i][j] = layout.get(s, f[i][j]);
        }
        order[i] = i;
      }
      int width = f[0].length;
      boolean moved = false;
      for (int i = 1; i < k; i++) {
        int x = order[i];
        int j = i - 1;
        while (j >= 0 && compare(slices[order[j]], slices[x], width) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
        moved |= j + 1 != i;
      }
      if (!moved) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        int[] from = slices[order[i]];
        for (int j = 0; j < width; j++) {
          layout.set(s, f[i][j], from[j]);
        }
        if (perm != null) {
          perm[groups[g][i]] = groups[g][order[i]];
        }
      }
    }
  }

  /** Swaps threads i and j of group g in {@code s}, slices and all: one symmetry of states. */
  void swap(Layout layout, long[] s, int g, int i, int j) {
    int[][] f = fields[g];
    for (int k = 0; k < f[i].length; k++) {
      int x = layout.get(s, f[i][k]);
      layout.set(s, f[i][k], layout.get(s, f[j][k]));
      layout.set(s, f[j][k], x);
    }
  }

  /**
   * Every state of {@code s}'s class: each permutation of each group's slices, to {@code out}
   * (a fresh array each). Heap's algorithm, one swap per permutation.
   */
  void images(Layout layout, long[] s, Consumer<long[]> out) {
    images(layout, s.clone(), 0, out);
  }

  private void images(Layout layout, long[] s, int g, Consumer<long[]> out) {
    if (g == groups.length) {
      out.accept(s.clone());
      return;
    }
    int k = groups[g].length;
    int[] c = new int[k];
    images(layout, s, g + 1, out);
    for (int i = 1; i < k; ) {
      if (c[i] < i) {
        swap(layout, s, g, i % 2 == 0 ? 0 : c[i], i);
        images(layout, s, g + 1, out);
        c[i]++;
        i = 1;
      } else {
        c[i] = 0;
        i++;
      }
    }
  }

  /** The threads a permutation may put in thread {@code t}'s place: its group, or itself. */
  int[] sameAs(int t) {
    for (int[] group : groups) {
      for (int u : group) {
        if (u == t) {
          return group;
        }
      }
    }
    return new int[] {t};
  }

  /** The number of threads in each group the reduction uses. */
  int[] groupSizes() {
    int[] sizes = new int[groups.length];
    for (int g = 0; g < groups.length; g++) {
      sizes[g] = groups[g].length;
    }
    return sizes;
  }

  private static int compare(int[] a, int[] b, int width) {
    for (int j = 0; j < width; j++) {
      if (a[j] != b[j]) {
        return Integer.compare(a[j], b[j]);
      }
    }
    return 0;
  }

  /**
   * The real moves of a path found in the reduced graph: each stored move is a move of the
   * canonical state, and is taken by the thread whose slice sits in that slot of the real state.
   */
  int[] realMoves(Semantics sem, int[] moves) {
    long[] real = sem.layout.initial(sem.model);
    long[] canon = new long[real.length];
    int[] perm = new int[sem.threads()];
    int[] out = new int[moves.length];
    for (int i = 0; i < moves.length; i++) {
      System.arraycopy(real, 0, canon, 0, real.length);
      canonicalize(sem.layout, canon, perm);
      int t = perm[sem.threadOf(moves[i])];
      int way = sem.wayOf(moves[i]);
      out[i] = sem.move(t, way);
      sem.apply(real, t, way);
    }
    return out;
  }
}
