package tlbcheck.explorer;

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
  /** Path sums: metric m owns components [base[m], base[m + 1]). */
  private final int[] base;
  private final Metric.Span[] spans;
  private final int[] spanMetric;
  private final boolean[] holds;
  private final boolean[] waits;

  private MetricPass(Semantics sem) {
    this.sem = sem;
    this.metrics = sem.model.metrics().toArray(new Metric[0]);
    this.base = new int[metrics.length + 1];
    int spanCount = 0;
    for (Metric m : metrics) {
      spanCount += m.spans().size();
    }
    this.spans = new Metric.Span[spanCount];
    this.spanMetric = new int[spanCount];
    int k = 0;
    for (int m = 0; m < metrics.length; m++) {
      List<Metric.Span> own = metrics[m].spans();
      for (Metric.Span span : own) {
        spans[k] = span;
        spanMetric[k++] = m;
      }
      int components = switch (metrics[m].kind()) {
        case COUNTED, STEPS_WHILE -> 1;
        case WAIT -> own.size();
        case PEAK -> 0;
      };
      base[m + 1] = base[m] + components;
    }
    this.holds = new boolean[metrics.length];
    this.waits = new boolean[spanCount];
  }

  /** The value of each metric, by {@link Metric#index()}. */
  static long[] run(Semantics sem, StateStore store) throws LimitReached {
    return new MetricPass(sem).run(store);
  }

  private long[] run(StateStore store) throws LimitReached {
    int components = base[metrics.length];
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
   * Reads what the metrics need of a source state before its steps are taken: which conditions
   * hold and which spans' threads wait for a lock; records its path sums and peaks.
   */
  private void observe(long[] s, long[] values, int from, long[] result) {
    for (int m = 0; m < metrics.length; m++) {
      Metric metric = metrics[m];
      if (metric.kind() == Metric.Kind.STEPS_WHILE) {
        holds[m] = metric.condition().holds(sem.reader(s));
      }
      for (int i = base[m]; i < base[m + 1]; i++) {
        result[m] = Math.max(result[m], values[from + i]);
      }
    }
    int inside = 0;
    int peakMetric = -1;
    for (int k = 0; k < spans.length; k++) {
      Metric.Span span = spans[k];
      boolean in = span.contains(sem.pc(s, span.thread()));
      waits[k] = in && sem.waitsForLock(s, span.thread());
      if (spanMetric[k] != peakMetric) {
        inside = 0;
        peakMetric = spanMetric[k];
      }
      if (in && metrics[peakMetric].kind() == Metric.Kind.PEAK) {
        inside++;
        result[peakMetric] = Math.max(result[peakMetric], inside);
      }
    }
  }

  /** Relaxes the path sums of a successor reached by a step of thread {@code mover}. */
  private void relax(long[] values, int from, long[] nextValues, int to, int mover) {
    int[] counts = sem.counts();
    int k = 0;
    for (int m = 0; m < metrics.length; m++) {
      Metric metric = metrics[m];
      for (int i = base[m]; i < base[m + 1]; i++) {
        long weight = switch (metric.kind()) {
          case COUNTED -> counts[m];
          case STEPS_WHILE -> holds[m] ? 1 : 0;
          case WAIT -> waits[k + i - base[m]] && spans[k + i - base[m]].thread() != mover ? 1 : 0;
          case PEAK -> 0;
        };
        nextValues[to + i] = Math.max(nextValues[to + i], values[from + i] + weight);
      }
      k += metric.spans().size();
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
