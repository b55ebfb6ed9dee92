package tlbcheck.explorer;

import tlbcheck.model.Metric;
import tlbcheck.model.ModelError;

/**
 * Computes every metric of a model over its whole state graph, after the search has stored every
 * reachable state: for each state, the most counts on any path to it from the initial state, by
 * dynamic programming; a metric's value is the largest of these, which (counts being
 * non-negative) is the largest over all executions.
 *
 * <p>The pass visits states in increasing order of their program-counter sum, the state store's
 * partition key. Every step of a program without backward jumps increases that sum, so this order
 * is topological and a state's value is final before it is used. A step that does not increase it
 * may close a cycle, which a metric would have to unroll: the pass refuses the model with a
 * {@link ModelError} naming the step (DESIGN.md "The explorer"). Not thread-safe.
 */
final class MetricPass {
  private MetricPass() {}

  /** The value of each metric, by {@link Metric#index()}. */
  static long[] run(Semantics sem, StateStore store) throws LimitReached {
    int metrics = sem.model.metrics().size();
    int words = sem.layout.words;
    int threads = sem.threads();
    // best[key][slot * metrics + m]: the most counts of metric m on a path to that state.
    long[][] best = new long[store.partitions()][];
    for (int key = 0; key < best.length; key++) {
      if (store.table(key) != null) {
        best[key] = store.allocateValues(key, metrics);
      }
    }
    long[] result = new long[metrics];
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
        for (int m = 0; m < metrics; m++) {
          result[m] = Math.max(result[m], best[key][slot * metrics + m]);
        }
        for (int t = 0; t < threads; t++) {
          if (!sem.enabled(cur, t)) {
            continue;
          }
          System.arraycopy(cur, 0, next, 0, words);
          int pc = sem.pc(cur, t);
          String label = sem.apply(next, t, pc).label();
          int nextKey = key - pc + sem.nextPc();
          if (nextKey <= key) {
            throw new ModelError("model " + sem.model.name() + ": step '" + label
                + "' of thread " + sem.model.thread(t).name() + " jumps back (pc " + pc + " to "
                + sem.nextPc() + "), so the state graph may have a cycle, which the model's "
                + "metrics " + sem.model.metrics() + " would have to unroll; metrics need "
                + "programs without backward jumps (DESIGN.md \"The explorer\")");
          }
          int nextSlot = store.find(next, nextKey);
          if (nextSlot < 0) {
            throw new IllegalStateException("a successor of a stored state is not stored: the "
                + "search did not explore the whole graph");
          }
          int[] counts = sem.counts();
          for (int m = 0; m < metrics; m++) {
            int i = nextSlot * metrics + m;
            best[nextKey][i] = Math.max(best[nextKey][i], best[key][slot * metrics + m]
                + counts[m]);
          }
        }
      }
    }
    return result;
  }
}
