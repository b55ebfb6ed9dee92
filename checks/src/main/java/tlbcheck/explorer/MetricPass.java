package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tlbcheck.model.Metric;
import tlbcheck.model.ModelError;

/**
 * Computes every metric of a model over its whole state graph, after the search has stored every
 * reachable state. A {@link Metric.Kind#PEAK} metric is a maximum over states. The others are
 * path sums: each transition has a weight (the counts of its step, 1 if its source state meets
 * the condition, 1 if a span's thread waits for a lock while another thread moves), and for each
 * state the pass keeps the heaviest path to it from the initial state, by dynamic programming; a
 * metric's value is the heaviest path of all, which (weights being non-negative) is the largest
 * over all executions. A {@link Metric.Kind#WAIT} metric keeps one path sum per span, since it is
 * one thread's wait that it measures, and reports the largest.
 *
 * <p>The pass visits states in increasing order of their program-counter sum, the state store's
 * partition key. Every step of a program without backward jumps increases that sum, so this order
 * is topological and a state's value is final before it is used. A step that does not increase it
 * may close a cycle, which a metric would have to unroll: the pass refuses the model with a
 * {@link ModelError} naming the step (DESIGN.md "The explorer"). Not thread-safe.
 */
final class MetricPass {
  private final Semantics sem;
  private final Metric[] metrics;
  /**
   * The path sums kept per state, "components": one per COUNTED or STEPS_WHILE metric, one per
   * span of a WAIT metric. Component c belongs to metric {@code metricOf[c]} and, for WAIT, to
   * span {@code spanOf[c]}.
   */
  private final int[] metricOf;
  private final Metric.Span[] spanOf;
  /** What the state being expanded means for each component's weight. */
  private final boolean[] weighs;
  /** The symmetry reduction the search used, or null: successors are looked up canonical. */
  private final Symmetry sym;
  /**
   * {@code sameSpan[c][t]}: the component of WAIT span c's metric whose span is at the same
   * place on thread t (-1 if none). Under symmetry a thread's slice moves to another slot, and
   * the path sum of its span moves with it.
   */
  private final int[][] sameSpan;
  /** Where each component's sum goes in the canonical successor. */
  private final int[] target;
  private final int[] perm;

  private MetricPass(Semantics sem, Symmetry sym) {
    this.sem = sem;
    this.sym = sym;
    this.metrics = sem.model.metrics().toArray(new Metric[0]);
    List<Integer> owners = new ArrayList<>();
    List<Metric.Span> spans = new ArrayList<>();
    for (Metric m : metrics) {
      switch (m.kind()) {
        case COUNTED, STEPS_WHILE -> {
          owners.add(m.index());
          spans.add(null);
        }
        case WAIT -> m.spans().forEach(span -> {
          owners.add(m.index());
          spans.add(span);
        });
        case PEAK -> { }
      }
    }
    this.metricOf = owners.stream().mapToInt(Integer::intValue).toArray();
    this.spanOf = spans.toArray(new Metric.Span[0]);
    this.weighs = new boolean[metricOf.length];
    this.sameSpan = new int[metricOf.length][sem.threads()];
    for (int c = 0; c < metricOf.length; c++) {
      Arrays.fill(sameSpan[c], -1);
      for (int d = 0; d < metricOf.length && spanOf[c] != null; d++) {
        if (metricOf[d] == metricOf[c] && spanOf[d].from().pc() == spanOf[c].from().pc()
            && spanOf[d].to().pc() == spanOf[c].to().pc()) {
          sameSpan[c][spanOf[d].thread()] = d;
        }
      }
    }
    this.target = new int[metricOf.length];
    for (int c = 0; c < target.length; c++) {
      target[c] = c;
    }
    this.perm = new int[sem.threads()];
  }

  /** The value of each metric, by {@link Metric#index()}. */
  static long[] run(Semantics sem, StateStore store, Symmetry sym) throws LimitReached {
    return new MetricPass(sem, sym).run(store);
  }

  private long[] run(StateStore store) throws LimitReached {
    int components = metricOf.length;
    int words = sem.layout.words;
    // best[key][slot * components + i]: the heaviest path sum i on a path to that state.
    long[][] best = new long[store.partitions()][];
    for (int key = 0; key < best.length; key++) {
      if (store.table(key) != null) {
        best[key] = store.allocateValues(key, components);
      }
    }
    long[] result = new long[metrics.length];
    long[] cur = new long[words];
    long[] next = new long[words];
    for (int key = 0; key < best.length; key++) {
      long[] table = store.table(key);
      if (table == null) {
        continue;
      }
      for (int slot = 0; slot * words < table.length; slot++) {
        if (table[slot * words] == 0) {
          continue;
        }
        System.arraycopy(table, slot * words, cur, 0, words);
        int from = slot * components;
        observe(cur, best[key], from, result);
        for (int t = 0; t < sem.threads(); t++) {
          if (sem.finished(cur, t)) {
            continue;
          }
          int pc = sem.pc(cur, t);
          for (int w = 0; w < sem.ways(t, pc); w++) {
            if (!sem.enabled(cur, t, pc, w)) {
              continue;
            }
            System.arraycopy(cur, 0, next, 0, words);
            String label = sem.apply(next, t, pc, w).label();
            int nextKey = key - pc + sem.nextPc();
            if (nextKey <= key) {
              throw backwardJump(t, pc, label);
            }
            retarget(next);
            int nextSlot = store.find(next, nextKey);
            if (nextSlot < 0) {
              throw new IllegalStateException("a successor of a stored state is not stored: "
                  + "the search did not explore the whole graph");
            }
            relax(best[key], from, best[nextKey], nextSlot * components, t);
          }
        }
      }
    }
    return result;
  }

  /**
   * Reads what the metrics need of a source state before its steps are taken (whether a
   * STEPS_WHILE condition holds, whether a WAIT span's thread waits for a lock), and records its
   * path sums and its PEAK counts.
   */
  private void observe(long[] s, long[] values, int from, long[] result) {
    for (int c = 0; c < metricOf.length; c++) {
      Metric m = metrics[metricOf[c]];
      weighs[c] = switch (m.kind()) {
        case STEPS_WHILE -> m.condition().holds(sem.reader(s));
        case WAIT -> spanOf[c].contains(sem.pc(s, spanOf[c].thread()))
            && sem.waitsForLock(s, spanOf[c].thread());
        default -> false;
      };
      result[m.index()] = Math.max(result[m.index()], values[from + c]);
    }
    for (Metric m : metrics) {
      if (m.kind() == Metric.Kind.PEAK) {
        int inside = 0;
        for (Metric.Span span : m.spans()) {
          inside += span.contains(sem.pc(s, span.thread())) ? 1 : 0;
        }
        result[m.index()] = Math.max(result[m.index()], inside);
      }
    }
  }

  /**
   * Under symmetry, replaces {@code next} by its canonical state and works out where each
   * component's sum goes: a WAIT span's follows its thread's slice to its new slot.
   */
  private void retarget(long[] next) {
    if (sym == null) {
      return;
    }
    for (int c = 0; c < target.length; c++) {
      target[c] = c;
    }
    sym.canonicalize(sem.layout, next, perm);
    for (int t = 0; t < perm.length; t++) {
      if (perm[t] == t) {
        continue;
      }
      for (int c = 0; c < target.length; c++) {
        if (spanOf[c] != null && spanOf[c].thread() == perm[t]) {
          target[c] = sameSpan[c][t];
        }
      }
    }
  }

  /** Relaxes the path sums of a successor reached by a step of thread {@code mover}. */
  private void relax(long[] values, int from, long[] nextValues, int to, int mover) {
    int[] counts = sem.counts();
    for (int c = 0; c < metricOf.length; c++) {
      long weight = switch (metrics[metricOf[c]].kind()) {
        case COUNTED -> counts[metricOf[c]];
        case STEPS_WHILE -> weighs[c] ? 1 : 0;
        case WAIT -> weighs[c] && spanOf[c].thread() != mover ? 1 : 0;
        case PEAK -> 0;
      };
      int into = to + target[c];
      nextValues[into] = Math.max(nextValues[into], values[from + c] + weight);
    }
  }

  private ModelError backwardJump(int t, int pc, String label) {
    return new ModelError("model " + sem.model.name() + ": step '" + label + "' of thread "
        + sem.model.thread(t).name() + " jumps back (pc " + pc + " to " + sem.nextPc() + "), so "
        + "the state graph may have a cycle, which the model's metrics " + sem.model.metrics()
        + " would have to unroll; metrics need programs without backward jumps (DESIGN.md "
        + "\"The explorer\")");
  }
}
