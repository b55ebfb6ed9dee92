package tlbcheck.explorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.StepAssertion;
import tlbcheck.report.CheckResult;
import tlbcheck.report.MetricValue;
import tlbcheck.report.ModelRef;
import tlbcheck.report.Stats;
import tlbcheck.report.Trace;
import tlbcheck.report.Verdict;

/**
 * Exhaustive breadth-first exploration of a {@link Model} (DESIGN.md "The explorer").
 *
 * <p>States are expanded in the order they were found and each state's successors are generated
 * thread by thread in index order, so the first violation found is one of the shortest, and the
 * same one on every run: the trace is canonical. Every new state is checked against every
 * invariant, and against the final properties when every thread has finished; step assertions
 * are checked as their steps run; a state where some thread has not finished and none can move
 * is a deadlock. A violation found while expanding depth d is at depth d + 1, so the rest of
 * depth d is still scanned for a deadlock, which would be shorter.
 *
 * <p>States are expanded in groups: a group's successors are generated first and then looked up
 * in order, which gives the CPU several cache misses to wait for at once. The order of lookups,
 * and so the ids, the verdict and the trace, are those of expanding one state at a time.
 *
 * <p>A model with metrics is explored over its whole state graph, past the first violation
 * (which stays the one reported), and {@link MetricPass} then computes the metrics.
 *
 * <p>With workers, each large level is cut into slices: worker threads generate a slice's
 * successors while this thread inserts those of the slices before, in canonical order (see
 * {@link #expandLevelPipelined}); and the metric pass splits each partition between them.
 *
 * <p>A model error thrown by a step ({@link tlbcheck.model.ModelError}) ends the run and is
 * passed to the caller: it is not a verdict. Not thread-safe; one run per instance.
 */
public final class Explorer {
  private static final int CHECK_EVERY = 1 << 12;
  /** States expanded before their successors are looked up together (see {@link #insert}). */
  private static final int GROUP = 16;
  /** States a worker expands per batch, at most. */
  private static final int SLICE = 4096;
  private static final long PROGRESS_NANOS = 1_000_000_000L;

  private final Model model;
  private final Limits limits;
  private final Progress progress;
  private final Semantics sem;
  private final boolean exhaustive;
  /** Every thread has finished exactly when the program counters sum to this. */
  private final int lastKey;
  /** The search thread's successor generator. */
  private final Expander main;
  /** The symmetry reduction, or null when it is off or the model has no group it can use. */
  private final Symmetry sym;
  /** Two slice generators per worker thread, the states a slice holds, and the threads. */
  private final Expander[] workers;
  private final int slice;
  private ExecutorService pool;
  private StateStore store;
  /** Reads the states the search thread expands: {@code store::load}, made once per run. */
  private StateSource stored;
  private long start;
  private long lastProgress;
  private long transitions;
  private int depth;
  private int levelEnd;

  /** An explorer with every reduction on. */
  public Explorer(Model model, Limits limits, Progress progress) {
    this(model, limits, progress, Reductions.ALL);
  }

  public Explorer(Model model, Limits limits, Progress progress, Reductions reductions) {
    this(model, limits, progress, reductions, 1);
  }

  /**
   * An explorer on {@code workers} threads: this one, which inserts, and {@code workers - 1}
   * that generate successors. The result is the same, byte for byte, as with one: the
   * generators only generate, and this thread inserts in canonical order.
   */
  public Explorer(Model model, Limits limits, Progress progress, Reductions reductions,
      int workers) {
    this(model, limits, progress, reductions, workers, 0);
  }

  /**
   * {@code slice}: the states a worker takes at a time, a multiple of the group size, or 0 for
   * the default; also the smallest partition the metric pass splits between threads. Tests
   * make it small so that small models take the parallel paths.
   */
  Explorer(Model model, Limits limits, Progress progress, Reductions reductions, int workers,
      int slice) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.model = model;
    this.limits = limits;
    this.progress = progress;
    this.sem = new Semantics(model);
    this.exhaustive = !model.metrics().isEmpty();
    this.lastKey = sem.pcSumBound() - 1;
    this.main = new Expander(sem, reductions.symmetry(), GROUP);
    this.sym = main.sym;
    // A slice is whole groups; its successor buffer holds about 64 K successors at most.
    this.slice = slice > 0 ? (slice + GROUP - 1) / GROUP * GROUP
        : Math.max(GROUP, Math.min(SLICE, (1 << 16) / sem.moves()) / GROUP * GROUP);
    // Two slices per generator: one being generated while the other waits to be inserted.
    this.workers = new Expander[workers == 1 ? 0 : 2 * (workers - 1)];
    for (int w = 0; w < this.workers.length; w++) {
      this.workers[w] = new Expander(new Semantics(model), reductions.symmetry(), this.slice);
    }
  }

  /** Explores {@code model} with default limits and no progress output. */
  public static CheckResult check(Model model) {
    return new Explorer(model, Limits.defaults(), Progress.NONE).run();
  }

  /**
   * A violation found: the state at its end, or the step from {@code state} that breaks it.
   * {@code order} is the canonical position, among one level's transitions, of the transition
   * that found it (parent id * moves + move): of two found one step deeper, the first wins.
   */
  private record Found(int depth, int state, int move, String property, String text,
      String explanation, boolean deadlock, long order) {
    static Found first(Found a, Found b) {
      return a == null ? b : b == null ? a : a.order <= b.order ? a : b;
    }
  }

  /** What the expansion of one level has found so far. */
  private static final class LevelFinds {
    Found deadlock;
    Found invariant;
    Found failedStep;

    /** Without metrics, once a violation one step deeper is known, only a deadlock matters. */
    boolean stopGenerating(boolean exhaustive) {
      return !exhaustive && (invariant != null || failedStep != null);
    }

    /** A deadlock at this depth is shorter; of the rest, the earlier transition's. */
    Found canonical() {
      return deadlock != null ? deadlock : Found.first(invariant, failedStep);
    }
  }

  public CheckResult run() {
    start = System.nanoTime();
    lastProgress = start;
    Found found = null;
    String limit = null;
    List<MetricValue> metrics = List.of();
    if (workers.length > 0) {
      pool = Executors.newFixedThreadPool(workers.length / 2, r -> {
        Thread t = new Thread(r, "tlbcheck-worker");
        t.setDaemon(true);
        return t;
      });
    }
    try {
      store = new StateStore(sem.layout.words, sem.pcSumBound(), limits.maxBytes());
      stored = store::load;
      found = search();
      if (exhaustive) {
        metrics = metricValues(MetricPass.run(store, metricLanes(), pool, slice));
      }
    } catch (LimitReached e) {
      limit = e.getMessage();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    long states = store == null ? 0 : store.size();
    // States past the level being expanded were found one step deeper.
    int deepest = states > levelEnd ? depth + 1 : depth;
    Stats stats = new Stats(states, transitions, deepest, System.nanoTime() - start,
        store == null ? 0 : store.bytes());
    return new CheckResult(ModelRef.of(model), verdict(found, limit), stats, metrics);
  }

  /** Breadth-first, level by level; returns the canonical first violation, or null. */
  private Found search() throws LimitReached {
    long[] initial = sem.layout.initial(model);
    if (sym != null) {
      sym.canonicalize(sem.layout, initial, null);
    }
    store.add(initial, sem.pcSum(initial), store.hash(initial), -1, -1);
    Found found = checkNewState(initial, sem.allFinished(initial), 0, 0, 0);
    int levelStart = 0;
    levelEnd = 1;
    while (found == null || exhaustive) {
      Found inLevel = expandLevel(levelStart);
      found = found != null ? found : inLevel;
      if ((found != null && !exhaustive) || store.size() == levelEnd) {
        break;
      }
      levelStart = levelEnd;
      levelEnd = store.size();
      depth++;
    }
    return found;
  }

  /** Expands the states of depth {@code depth}, ids [levelStart, levelEnd), GROUP at a time. */
  private Found expandLevel(int levelStart) throws LimitReached {
    LevelFinds finds = new LevelFinds();
    // Small levels stay on this thread: handing them out costs more than it saves.
    if (pool != null && levelEnd - levelStart >= 4 * slice) {
      return expandLevelPipelined(levelStart, finds);
    }
    int id = levelStart;
    while (id < levelEnd && (exhaustive || finds.deadlock == null)) {
      id = expandGroup(id, finds);
    }
    return finds.canonical();
  }

  /** Expands the group of states from {@code id} on this thread; returns the next id. */
  private int expandGroup(int id, LevelFinds finds) throws LimitReached {
    int groupEnd = Math.min(levelEnd, id + GROUP);
    Successors succ = main.succ;
    succ.clear();
    for (; id < groupEnd && (exhaustive || finds.deadlock == null); id++) {
      checkLimits(id);
      transitions += main.expand(id, finds, depth, stored);
    }
    if (exhaustive || (finds.deadlock == null && finds.invariant == null)) {
      finds.invariant = Found.first(finds.invariant, insert(succ, 0, succ.count));
    }
    return id;
  }

  /**
   * Expands a level with the workers generating successors, a slice of states each, while
   * this thread inserts the successors of the slices before, in canonical order, group by
   * group, as {@link #expandGroup} would have. A group in which a worker found anything (a
   * failed step, a deadlock, a model error), or that comes after a violation the search stops
   * generating for, is expanded again on this thread, so the verdict, the trace and every
   * count are those of one thread.
   */
  private Found expandLevelPipelined(int levelStart, LevelFinds finds) throws LimitReached {
    StateStore.Snapshot level = store.snapshot();
    List<Future<Expander>> pending = new ArrayList<>();
    Deque<Expander> idle = new ArrayDeque<>(List.of(workers));
    int submitted = levelStart;
    int id = levelStart;
    try {
      while (id < levelEnd && (exhaustive || finds.deadlock == null)) {
        while (submitted < levelEnd && !idle.isEmpty()) {
          Expander w = idle.poll();
          int from = submitted;
          int to = Math.min(levelEnd, from + slice);
          pending.add(pool.submit(() -> w.expandSlice(from, to, depth, level)));
          submitted = to;
        }
        Expander w = await(pending.remove(0));
        for (int g = 0; g < w.groups && (exhaustive || finds.deadlock == null); g++) {
          if (!w.clean[g] || finds.stopGenerating(exhaustive)) {
            id = expandGroup(id, finds);
            continue;
          }
          int groupEnd = Math.min(levelEnd, id + GROUP);
          for (; id < groupEnd; id++) {
            checkLimits(id);
          }
          transitions += w.taken[g];
          finds.invariant = Found.first(finds.invariant,
              insert(w.succ, w.start[g], w.start[g + 1]));
        }
        idle.add(w);
      }
    } finally {
      for (Future<Expander> f : pending) {
        awaitQuietly(f);
      }
    }
    return finds.canonical();
  }

  private static Expander await(Future<Expander> f) throws LimitReached {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LimitReached("an interrupt");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a worker failed outside a step", e.getCause());
    }
  }

  /** Lets a slice no longer needed finish, so that its buffers are free again. */
  private static void awaitQuietly(Future<Expander> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The slice's result is not used.
    }
  }

  /** Where an {@link Expander} reads the state it expands. */
  @FunctionalInterface
  private interface StateSource {
    void load(int id, long[] into);
  }

  /**
   * What generates successors: the search thread's own, and one per worker, each with its own
   * {@link Semantics} and {@link Symmetry}, which keep scratch state.
   */
  private final class Expander {
    final Semantics sem;
    final Symmetry sym;
    final Successors succ;
    private final long[] cur;
    /** For a worker's slice: where each group's successors start in {@link #succ}. */
    final int[] start;
    final long[] taken;
    final boolean[] clean;
    int groups;

    Expander(Semantics sem, boolean symmetry, int states) {
      this.sem = sem;
      this.sym = symmetry ? Symmetry.of(sem) : null;
      this.succ = new Successors(states * sem.moves(), sem.layout.words);
      this.cur = new long[sem.layout.words];
      int slots = (states + GROUP - 1) / GROUP;
      this.start = new int[slots + 1];
      this.taken = new long[slots];
      this.clean = new boolean[slots];
    }

    /**
     * A worker's slice: the states [from, to), group by group, read from the level's
     * snapshot. A group is clean if it found nothing; the search thread expands any other
     * again itself.
     */
    Expander expandSlice(int from, int to, int depth, StateStore.Snapshot level) {
      StateSource states = level::load;
      succ.clear();
      groups = 0;
      for (int id = from; id < to; id += GROUP) {
        int groupStart = succ.count;
        LevelFinds finds = new LevelFinds();
        long n = 0;
        boolean ok = true;
        try {
          for (int i = id; i < Math.min(to, id + GROUP) && ok; i++) {
            n += expand(i, finds, depth, states);
            ok = finds.deadlock == null && finds.failedStep == null;
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

    /**
     * Generates the successors of state {@code id}, read from {@code states}, into {@link
     * #succ}, in thread order. Returns the transitions taken. The hot loop of the search:
     * fields are read into locals once, because a step is a call the JIT cannot see through,
     * after which it would have to read every field again.
     */
    long expand(int id, LevelFinds finds, int depth, StateSource states) {
      Semantics sem = this.sem;
      Successors succ = this.succ;
      StateStore store = Explorer.this.store;
      long[] cur = this.cur;
      boolean exhaustive = Explorer.this.exhaustive;
      states.load(id, cur);
      int key = sem.pcSum(cur);
      int threads = sem.threads();
      int moves = sem.moves();
      boolean unfinished = false;
      boolean canMove = false;
      int taken = 0;
      for (int t = 0; t < threads; t++) {
        int pc = sem.pc(cur, t);
        if (sem.finished(cur, t)) {
          continue;
        }
        unfinished = true;
        int ways = sem.ways(t, pc);
        for (int w = 0; w < ways; w++) {
          if (!sem.enabled(cur, t, pc, w)) {
            continue;
          }
          canMove = true;
          if (finds.stopGenerating(exhaustive)) {
            break;
          }
          long[] next = succ.next(cur);
          sem.apply(next, t, pc, w);
          taken++;
          int move = sem.move(t, w);
          StepAssertion failed = sem.failedAssertion();
          if (failed != null) {
            if (finds.failedStep == null) {
              finds.failedStep = new Found(depth + 1, id, move, failed.id(), failed.text(),
                  sem.failure(), false, (long) id * moves + move);
            }
            if (!exhaustive) {
              continue;
            }
          }
          if (sym != null) {
            sym.canonicalize(sem.layout, next, null);
          }
          succ.keep(id, move, key - pc + sem.nextPc(), store.hash(next));
        }
      }
      if (unfinished && !canMove && finds.deadlock == null) {
        finds.deadlock = new Found(depth, id, -1, "DEADLOCK", "no deadlock", sem.deadlock(cur),
            true, id);
      }
      return taken;
    }
  }

  /**
   * Inserts successors [from, to) of {@code succ} in canonical order, checking each new state;
   * returns the first violation, after which nothing more is inserted unless the search is
   * exhaustive. First every successor's home slot is touched in one tight loop, so that the
   * CPU waits for their cache misses together.
   */
  private Found insert(Successors succ, int from, int to) throws LimitReached {
    for (int i = from; i < to; i++) {
      store.prefetch(succ.keys[i], succ.hashes[i]);
    }
    Found first = null;
    for (int i = from; i < to; i++) {
      long[] s = succ.states[i];
      int added = store.add(s, succ.keys[i], succ.hashes[i], succ.parents[i], succ.moves[i]);
      if (added < 0) {
        continue;
      }
      if (store.size() > limits.maxStates()) {
        throw new LimitReached("--max-states " + limits.maxStates());
      }
      Found f = checkNewState(s, succ.keys[i] == lastKey, added, depth + 1,
          (long) succ.parents[i] * sem.moves() + succ.moves[i]);
      if (f != null && first == null) {
        first = f;
        if (!exhaustive) {
          break;
        }
      }
    }
    return first;
  }

  /** This thread's lane and one per worker thread, each with a generator's own semantics. */
  private List<MetricPass.Lane> metricLanes() {
    List<MetricPass.Lane> lanes = new ArrayList<>();
    lanes.add(new MetricPass.Lane(sem, sym));
    for (int w = 0; w < workers.length / 2; w++) {
      lanes.add(new MetricPass.Lane(workers[w].sem, workers[w].sym));
    }
    return lanes;
  }

  private void checkLimits(int id) throws LimitReached {
    if ((id & (CHECK_EVERY - 1)) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - start > limits.maxSeconds() * 1e9) {
      throw new LimitReached("--max-seconds " + fmt(limits.maxSeconds()));
    }
    if (now - lastProgress > PROGRESS_NANOS) {
      progress.update(store.size(), transitions, depth, now - start);
      lastProgress = now;
    }
  }

  /** Checks a new state; {@code finished} says whether every thread in it has finished. */
  private Found checkNewState(long[] s, boolean finished, int id, int atDepth, long order) {
    Semantics.Broken b = sem.brokenInvariant(s);
    if (b == null && finished) {
      b = sem.brokenFinal(s);
    }
    return b == null ? null
        : new Found(atDepth, id, -1, b.property(), b.text(), b.explanation(), false, order);
  }

  private List<MetricValue> metricValues(long[] values) {
    List<MetricValue> list = new ArrayList<>();
    for (Metric m : model.metrics()) {
      list.add(new MetricValue(m.id(), m.text(), values[m.index()]));
    }
    return list;
  }

  private Verdict verdict(Found found, String limit) {
    if (found == null) {
      return limit == null ? new Verdict.Safe() : new Verdict.Incomplete(limit);
    }
    int[] moves = path(found);
    String explanation = found.explanation();
    if (sym != null) {
      moves = sym.realMoves(sem, moves);
      explanation = explanation(found, moves);
    }
    Trace trace = TraceBuilder.replay(sem, moves);
    return found.deadlock()
        ? new Verdict.Deadlock(explanation, trace)
        : new Verdict.Violated(found.property(), found.text(), explanation, trace);
  }

  /**
   * What breaks the property at the end of the real path {@code moves}: under symmetry the
   * search saw a permutation of that state, whose explanation may name another vCPU.
   */
  private String explanation(Found found, int[] moves) {
    long[] s = sem.layout.initial(model);
    for (int move : moves) {
      sem.apply(s, sem.threadOf(move), sem.wayOf(move));
    }
    if (found.deadlock()) {
      return sem.deadlock(s);
    }
    if (found.move() >= 0) {
      return sem.failure();
    }
    Semantics.Broken b = sem.brokenInvariant(s);
    if (b == null && sem.allFinished(s)) {
      b = sem.brokenFinal(s);
    }
    if (b == null) {
      throw new ModelError("model " + model.name() + ": the threads declared symmetric "
          + model.symmetries() + " are not: a path that breaks " + found.property() + " in the "
          + "reduced state graph does not break it in the real one (check it with "
          + "--no-symmetry)");
    }
    return b.explanation();
  }

  /** The moves from the initial state to the violation, rebuilt from parent pointers. */
  private int[] path(Found found) {
    List<Integer> reversed = new ArrayList<>();
    if (found.move() >= 0) {
      reversed.add(found.move());
    }
    for (int id = found.state(); store.parent(id) >= 0; id = store.parent(id)) {
      reversed.add(store.move(id));
    }
    int[] moves = new int[reversed.size()];
    for (int i = 0; i < moves.length; i++) {
      moves[i] = reversed.get(moves.length - 1 - i);
    }
    return moves;
  }

  private static String fmt(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
