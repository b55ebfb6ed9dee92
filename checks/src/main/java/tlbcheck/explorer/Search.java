package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.result.Limit;

/**
 * The one search of tlbcheck (DESIGN.md "The explorer"): breadth-first over a model's packed
 * states, level by level, each level's states expanded in the order they were found and each
 * state's moves in canonical order (thread, then alternative), so the first violation found is
 * one of the shortest, and the same one on every run. Every analysis rides on it as a {@link
 * SearchListener}; there is no other loop over a model's states.
 *
 * <p>Every new state is checked against the invariants, and against the final properties when
 * every thread has finished; step assertions are checked as their steps run; a state where some
 * thread has not finished and none can move is a deadlock. A violation found while expanding
 * depth d is at depth d + 1, so the rest of depth d is still scanned for a deadlock, which would
 * be shorter. How far past the first violation the search goes is what its listeners ask for
 * ({@link SearchListener.Coverage}).
 *
 * <p>States are expanded in groups: a group's successors are generated first and then looked up
 * in order, which gives the CPU several cache misses to wait for at once. With workers, a large
 * level is expanded by a {@link PipelinedLevel}, with the same result. A limit reached ends the
 * run with the limit as data, and with the first violation if a whole level had shown one; a
 * model error thrown by a step ({@link tlbcheck.model.ModelError}) is passed to the caller. Not
 * thread-safe; one run per instance.
 */
final class Search {
  /** States expanded before their successors are looked up together (see {@link #insert}). */
  static final int GROUP = 16;
  /** States a worker expands per batch, at most. */
  private static final int SLICE = 4096;
  private static final int CHECK_EVERY = 1 << 12;
  private static final long PROGRESS_NANOS = 1_000_000_000L;

  /** What a search found and what it cost. */
  record Result(Found found, Limit limit, long states, long transitions, int depth, long nanos,
      long bytes) {}

  final Model model;
  final SearchConfig config;
  /** The semantics, over the layout of the last start (see {@link #run}). */
  Semantics sem;
  /** Whether the search goes on past the first violation. */
  final boolean exhaustive;
  private final SearchListener.Coverage coverage;
  private final boolean trackActs;
  private final Progress progress;
  private final SearchListener[] listeners;
  private int lastKey;
  /** The states a worker takes at a time: whole groups. */
  int slice;
  StateStore store;
  /** The search thread's generator. */
  SuccessorGenerator main;
  private StateSource stored;
  private Clock clock;
  private long lastProgress;
  private long transitions;
  private int depth;
  private int levelEnd;
  /** The first violation, once the level it was found on is done; null before. */
  private Found decided;

  Search(Model model, SearchConfig config, Progress progress,
      List<? extends SearchListener> listeners) {
    this.model = model;
    this.config = config;
    this.progress = progress;
    this.listeners = listeners.toArray(new SearchListener[0]);
    SearchListener.Coverage c = SearchListener.Coverage.FIRST_VIOLATION;
    boolean acts = false;
    for (SearchListener l : listeners) {
      c = l.coverage().compareTo(c) > 0 ? l.coverage() : c;
      acts |= l.tracksActs();
    }
    this.coverage = c;
    this.exhaustive = c != SearchListener.Coverage.FIRST_VIOLATION;
    this.trackActs = acts;
    use(new Semantics(model, config.memory(), Layout.of(model, config.memory(),
        StoreBuffers.firstRoom(model))));
  }

  private void use(Semantics semantics) {
    this.sem = semantics;
    this.lastKey = sem.keys.bound() - 1;
    // A slice is whole groups; its successor buffer holds about 64 K successors at most.
    this.slice = config.slice() > 0 ? (config.slice() + GROUP - 1) / GROUP * GROUP
        : Math.max(GROUP, Math.min(SLICE, (1 << 16) / sem.moves.size()) / GROUP * GROUP);
  }

  /** A generator of successors for {@code states} states at a time, with its own semantics. */
  SuccessorGenerator generator(Semantics semantics, int states) {
    Symmetry sym = config.reductions().symmetry() ? Symmetry.of(semantics) : null;
    LocalMoves local = config.reductions().partialOrder() && semantics.layout.arm != null
        && LocalMoves.keeps(model, trackActs) ? new LocalMoves(semantics) : null;
    return new SuccessorGenerator(semantics, sym, local, store, states,
        coverage == SearchListener.Coverage.WHOLE_GRAPH,
        coverage == SearchListener.Coverage.UP_TO_VIOLATIONS, trackActs);
  }

  /**
   * Searches; if a store buffer was too small for a store (under x86, see {@link
   * StoreBuffers}), searches again from the start with twice the room for that thread's
   * buffer, on the same clock. Listeners see {@code searchStarted} again and start over.
   */
  Result run() {
    clock = new Clock(config.limits().maxSeconds());
    lastProgress = clock.start();
    while (true) {
      try {
        return runOnce();
      } catch (StoreBuffers.Full full) {
        int[] room = sem.layout.buffers.roomAfter(full);
        transitions = 0;
        depth = 0;
        levelEnd = 0;
        use(new Semantics(model, config.memory(), Layout.of(model, config.memory(), room)));
      }
    }
  }

  private Result runOnce() {
    Found found = null;
    Limit limit = null;
    PipelinedLevel pipeline = null;
    try {
      store = new StateStore(sem.layout.words, sem.keys.bound(), config.limits().maxBytes());
      main = generator(sem, GROUP);
      stored = store::load;
      if (config.workers() > 1) {
        pipeline = new PipelinedLevel(this, config.workers() - 1);
      }
      found = search(pipeline);
      store.release(store.size());
      StoredGraph graph = new StoredGraph(store, lanes(pipeline),
          pipeline == null ? null : pipeline.pool(), slice, clock);
      for (SearchListener l : listeners) {
        l.searchDone(graph);
      }
    } catch (LimitReached e) {
      // A violation found on a whole level stands: only what the search went on for is lost.
      limit = e.limit();
      found = decided;
    } finally {
      if (pipeline != null) {
        pipeline.close();
      }
    }
    long states = store == null ? 0 : store.size();
    // States past the level being expanded were found one step deeper.
    int deepest = states > levelEnd ? depth + 1 : depth;
    return new Result(found, limit, states, transitions, deepest, clock.elapsed(),
        store == null ? 0 : store.bytes());
  }

  /** The symmetry reduction the search used, or null. */
  Symmetry symmetry() {
    return main.sym;
  }

  private List<StoredGraph.Lane> lanes(PipelinedLevel pipeline) {
    List<StoredGraph.Lane> lanes = new ArrayList<>();
    lanes.add(new StoredGraph.Lane(sem, main.sym, main.local));
    if (pipeline != null) {
      lanes.addAll(pipeline.lanes());
    }
    return lanes;
  }

  /** Breadth-first, level by level; returns the canonical first violation, or null. */
  private Found search(PipelinedLevel pipeline) throws LimitReached {
    for (SearchListener l : listeners) {
      l.searchStarted(sem, main.sym);
    }
    long[] initial = sem.layout.initial(model);
    if (main.sym != null) {
      main.sym.canonicalize(sem.layout, initial, null);
    }
    int key = sem.keys.of(initial);
    store.add(initial, key, store.hash(initial), -1, -1);
    Found found = stateAdded(0, initial, key == lastKey, 0, 0);
    decided = found;
    int levelStart = 0;
    levelEnd = 1;
    while (found == null || exhaustive) {
      LevelFinds finds = new LevelFinds();
      Found inLevel = pipeline != null && levelEnd - levelStart >= 4 * slice
          ? pipeline.expand(levelStart, levelEnd, finds)
          : expandLevel(levelStart, finds);
      found = found != null ? found : inLevel;
      decided = found;
      if ((found != null && !exhaustive) || store.size() == levelEnd) {
        break;
      }
      levelStart = levelEnd;
      levelEnd = store.size();
      store.release(levelStart);
      depth++;
    }
    return found;
  }

  /** Expands the states of the current depth, ids [levelStart, levelEnd), on this thread. */
  private Found expandLevel(int levelStart, LevelFinds finds) throws LimitReached {
    int id = levelStart;
    while (id < levelEnd && (exhaustive || finds.deadlock == null)) {
      id = expandGroup(id, finds);
    }
    return finds.canonical();
  }

  /** Expands the group of states from {@code id} on this thread; returns the next id. */
  int expandGroup(int id, LevelFinds finds) throws LimitReached {
    int groupEnd = Math.min(levelEnd, id + GROUP);
    Successors succ = main.succ;
    succ.clear();
    for (; id < groupEnd && (exhaustive || finds.deadlock == null); id++) {
      checkLimits(id);
      SuccessorGenerator.Mode mode = finds.stopGenerating(exhaustive)
          ? SuccessorGenerator.Mode.DEADLOCK_ONLY
          : exhaustive ? SuccessorGenerator.Mode.ALL : SuccessorGenerator.Mode.UNTIL_FAILURE;
      transitions += main.expand(id, stored, mode);
      finds.report(main, id, depth, sem.moves.size(), listeners);
    }
    if (exhaustive || (finds.deadlock == null && finds.invariant == null)) {
      finds.invariant = Found.first(finds.invariant, insert(succ, 0, succ.count));
    }
    return id;
  }

  /** Counts steps a worker took for the search thread. */
  void addTransitions(long n) {
    transitions += n;
  }

  /**
   * Inserts successors [from, to) of {@code succ} in canonical order, checking each new state;
   * returns the first violation, after which nothing more is inserted unless the search is
   * exhaustive. First every successor's home slot is touched in one tight loop, so that the
   * CPU waits for their cache misses together.
   */
  Found insert(Successors succ, int from, int to) throws LimitReached {
    for (int i = from; i < to; i++) {
      store.prefetch(succ.keys[i], succ.hashes[i]);
    }
    Found first = null;
    for (int i = from; i < to; i++) {
      long[] s = succ.states[i];
      int added = store.add(s, succ.keys[i], succ.hashes[i], succ.parents[i], succ.moves[i]);
      for (SearchListener l : listeners) {
        l.transition(succ.parents[i], succ.moves[i], succ.acted[i]);
      }
      if (added < 0) {
        continue;
      }
      if (store.size() > config.limits().maxStates()) {
        throw new LimitReached(Limit.states(config.limits().maxStates()));
      }
      Found f = stateAdded(added, s, succ.keys[i] == lastKey, depth + 1,
          (long) succ.parents[i] * sem.moves.size() + succ.moves[i]);
      if (f != null && first == null) {
        first = f;
        if (!exhaustive) {
          break;
        }
      }
    }
    return first;
  }

  /** Checks a new state and tells the listeners; {@code finished}: every thread has. */
  private Found stateAdded(int id, long[] s, boolean finished, int atDepth, long order) {
    Semantics.Broken b = sem.broken(s, finished);
    for (SearchListener l : listeners) {
      l.stateAdded(sem, id, s, b, finished);
    }
    return b == null ? null
        : new Found(atDepth, id, -1, b.property(), b.text(), b.explanation(), false, order);
  }

  /** Every few thousand states: the time bound, and progress about once a second. */
  void checkLimits(int id) throws LimitReached {
    if ((id & (CHECK_EVERY - 1)) != 0) {
      return;
    }
    clock.check();
    long now = System.nanoTime();
    if (now - lastProgress > PROGRESS_NANOS) {
      progress.update(store.size(), transitions, depth, now - clock.start());
      lastProgress = now;
    }
  }
}
