package tlbcheck.explorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tlbcheck.model.ModelError;
import tlbcheck.result.Limit;

/**
 * One large level of a {@link Search} expanded with workers: worker threads generate a slice of
 * the level's successors each, from a snapshot of the store, while the search thread inserts
 * those of the slices before, in canonical order, group by group, as it would have alone. A
 * group in which a worker found anything (a failed step, a deadlock, a model error), or that
 * comes after a violation the search stops generating for, is expanded again on the search
 * thread, so the verdict, the trace and every count are those of one thread.
 *
 * <p>Two slices per worker thread: one being generated while the other waits to be inserted.
 * Used by the search thread only.
 */
final class PipelinedLevel {
  /**
   * A worker's slice: its generator, and per group where its successors start, its steps, and
   * whether it found nothing.
   */
  private static final class Slice {
    final SuccessorGenerator gen;
    final int[] start;
    final long[] taken;
    final boolean[] clean;
    int groups;

    Slice(SuccessorGenerator gen, int states) {
      this.gen = gen;
      int slots = (states + Search.GROUP - 1) / Search.GROUP;
      this.start = new int[slots + 1];
      this.taken = new long[slots];
      this.clean = new boolean[slots];
    }

    /** The states [from, to), group by group, read from the level's snapshot. */
    Slice expand(int from, int to, boolean exhaustive, StateStore.Snapshot level) {
      StateSource states = level::load;
      SuccessorGenerator.Mode mode = exhaustive ? SuccessorGenerator.Mode.ALL
          : SuccessorGenerator.Mode.UNTIL_FAILURE;
      Successors succ = gen.succ;
      succ.clear();
      groups = 0;
      for (int id = from; id < to; id += Search.GROUP) {
        int groupStart = succ.count;
        long n = 0;
        boolean ok = true;
        try {
          for (int i = id; i < Math.min(to, id + Search.GROUP) && ok; i++) {
            n += gen.expand(i, states, mode);
            ok = !gen.deadlocked() && gen.failures() == 0;
          }
        } catch (ModelError e) {
          ok = false;
        }
        if (!ok) {
          succ.count = groupStart;
        }
        start[groups] = groupStart;
        taken[groups] = n;
        clean[groups] = ok;
        groups++;
        start[groups] = succ.count;
      }
      return this;
    }
  }

  private final Search search;
  private final Slice[] slices;
  private final ExecutorService pool;

  PipelinedLevel(Search search, int threads) {
    this.search = search;
    this.slices = new Slice[2 * threads];
    for (int w = 0; w < slices.length; w++) {
      slices[w] = new Slice(search.generator(search.sem.copy(), search.slice),
          search.slice);
    }
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tlbcheck-worker");
      t.setDaemon(true);
      return t;
    });
  }

  ExecutorService pool() {
    return pool;
  }

  /** One lane per worker thread, for a pass over the stored graph. */
  List<StoredGraph.Lane> lanes() {
    List<StoredGraph.Lane> lanes = new ArrayList<>();
    for (int w = 0; w < slices.length / 2; w++) {
      lanes.add(new StoredGraph.Lane(slices[w].gen.sem, slices[w].gen.sym,
          slices[w].gen.local));
    }
    return lanes;
  }

  void close() {
    pool.shutdownNow();
  }

  /** Expands ids [levelStart, levelEnd); returns the level's canonical find. */
  Found expand(int levelStart, int levelEnd, LevelFinds finds) throws LimitReached {
    boolean exhaustive = search.exhaustive;
    StateStore.Snapshot level = search.store.snapshot();
    List<Future<Slice>> pending = new ArrayList<>();
    Deque<Slice> idle = new ArrayDeque<>(List.of(slices));
    int submitted = levelStart;
    int id = levelStart;
    try {
      while (id < levelEnd && (exhaustive || finds.deadlock == null)) {
        while (submitted < levelEnd && !idle.isEmpty()) {
          Slice w = idle.poll();
          int from = submitted;
          int to = Math.min(levelEnd, from + search.slice);
          pending.add(pool.submit(() -> w.expand(from, to, exhaustive, level)));
          submitted = to;
        }
        Slice w = await(pending.remove(0));
        for (int g = 0; g < w.groups && (exhaustive || finds.deadlock == null); g++) {
          if (!w.clean[g] || finds.stopGenerating(exhaustive)) {
            id = search.expandGroup(id, finds);
            continue;
          }
          int groupEnd = Math.min(levelEnd, id + Search.GROUP);
          for (; id < groupEnd; id++) {
            search.checkLimits(id);
          }
          search.addTransitions(w.taken[g]);
          finds.invariant = Found.first(finds.invariant,
              search.insert(w.gen.succ, w.start[g], w.start[g + 1]));
        }
        idle.add(w);
      }
    } finally {
      for (Future<Slice> f : pending) {
        awaitQuietly(f);
      }
    }
    return finds.canonical();
  }

  private static Slice await(Future<Slice> f) throws LimitReached {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LimitReached(Limit.interrupted());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreBuffers.Full full) {
        throw full;
      }
      throw new IllegalStateException("a worker failed outside a step", e.getCause());
    }
  }

  /** Lets a slice no longer needed finish, so that its buffers are free again. */
  private static void awaitQuietly(Future<Slice> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The slice's result is not used.
    }
  }
}
