package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import tlbcheck.model.Metric;
import tlbcheck.model.ModelError;
import tlbcheck.result.Limit;

/**
 * The pass over a stored graph that computes its metrics: partitions in increasing order of
 * their key (a topological order, see {@link MetricPass}), each partition's states scanned by
 * one {@link MetricPass} per lane, the search thread's first.
 */
final class MetricSweep {
  private MetricSweep() {
  }

  /**
   * The value of each metric, by {@link Metric#index()}, over the graph a search stored; the
   * states of each partition of at least {@code graph.minShare()} slots split between the
   * graph's lanes: the first runs on this thread, the others on its pool.
   */
  static long[] run(StoredGraph graph) throws LimitReached {
    StateStore store = graph.store();
    List<MetricPass> passes = new ArrayList<>();
    for (StoredGraph.Lane lane : graph.lanes()) {
      passes.add(new MetricPass(lane.sem(), lane.sym(), lane.local(), graph.clock()));
    }
    MetricPass first = passes.get(0);
    int components = first.metricOf.length;
    // best[key][slot * components + i]: the heaviest path sum i on a path to that state.
    int[][] best = new int[store.partitions()][];
    for (int key = 0; key < best.length; key++) {
      if (store.table(key) != null) {
        best[key] = store.allocateValues(key, components);
      }
    }
    int words = first.sem.layout.words;
    for (int key = 0; key < best.length; key++) {
      long[] table = store.table(key);
      if (table == null) {
        continue;
      }
      int slots = table.length / words;
      if (passes.size() == 1 || slots < graph.minShare()) {
        first.scan(store, best, key, 0, slots, false);
      } else {
        scanInParallel(store, best, key, slots, passes, graph.pool());
      }
    }
    long[] result = first.result;
    for (MetricPass p : passes) {
      for (int m = 0; m < result.length; m++) {
        result[m] = Math.max(result[m], p.result[m]);
      }
    }
    return result;
  }

  /**
   * Partition {@code key}'s slots split evenly between the passes, the first on this thread. A
   * model error (a backward jump) in any lane is found again by one lane over the whole
   * partition, so that the error reported is the first in slot order, as with one lane.
   */
  private static void scanInParallel(StateStore store, int[][] best, int key, int slots,
      List<MetricPass> passes, ExecutorService pool) throws LimitReached {
    int n = passes.size();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      MetricPass p = passes.get(i);
      int from = (int) ((long) slots * i / n);
      int to = (int) ((long) slots * (i + 1) / n);
      futures.add(pool.submit(() -> {
        p.scan(store, best, key, from, to, true);
        return null;
      }));
    }
    boolean modelError = false;
    LimitReached limit = null;
    try {
      passes.get(0).scan(store, best, key, 0, slots / n, true);
    } catch (ModelError e) {
      modelError = true;
    } catch (LimitReached e) {
      limit = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LimitReached(Limit.interrupted());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof LimitReached l) {
          limit = l;
        } else if (e.getCause() instanceof ModelError) {
          modelError = true;
        } else {
          throw new IllegalStateException("a metric lane failed", e.getCause());
        }
      }
    }
    if (limit != null) {
      throw limit;
    }
    if (modelError) {
      passes.get(0).scan(store, best, key, 0, slots, true);
    }
  }

}
