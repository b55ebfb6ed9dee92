package tlbcheck.explorer;

import tlbcheck.model.StepAssertion;

/**
 * Generates the successors of stored states into a {@link Successors} buffer: each enabled move
 * taken once, in canonical order, each successor canonicalised under the symmetry reduction and
 * hashed for the store. It decides nothing: what a failed step or a deadlock means, and when to
 * stop, is the search's business; it only reports them ({@link #failures()}, {@link
 * #deadlocked()}) and generates as far as it is told ({@link Mode}).
 *
 * <p>One per thread that generates: it owns its {@link Semantics}, its {@link Symmetry} and
 * its buffers. Not thread-safe.
 */
final class SuccessorGenerator {
  /** How far to generate from one state. */
  enum Mode {
    /** Every enabled move. */
    ALL,
    /** Every enabled move up to the first that fails a step assertion. */
    UNTIL_FAILURE,
    /** None: only whether the state is a deadlock. */
    DEADLOCK_ONLY
  }

  final Semantics sem;
  /** The symmetry reduction, or null. */
  final Symmetry sym;
  /** The partial-order reduction, or null. */
  final LocalMoves local;
  final Successors succ;
  private final StateStore store;
  private final boolean keepFailed;
  private final boolean endAtBroken;
  private final boolean trackActs;
  /** Every thread has finished exactly when the program counters sum to this. */
  private final int lastKey;
  private final long[] cur;
  private final long[] before;
  private final int[] enabled;
  /** The failed steps of the last state expanded: move, assertion, explanation. */
  private final int[] failedMoves;
  private final StepAssertion[] failedAssertions;
  private final String[] failedWhy;
  private int failures;
  private boolean deadlocked;

  /**
   * A generator for {@code states} states at a time, with the symmetry and partial-order
   * reductions {@code sym} and {@code local} (each null if unused). {@code keepFailed}: a step
   * that fails an assertion still leads to a successor (the whole graph is wanted). {@code
   * endAtBroken}: a state that breaks a property has no successors (its execution ends there).
   * {@code trackActs}: note which steps change more than their thread's pc.
   */
  SuccessorGenerator(Semantics sem, Symmetry sym, LocalMoves local, StateStore store, int states,
      boolean keepFailed, boolean endAtBroken, boolean trackActs) {
    this.sem = sem;
    this.sym = sym;
    this.local = local;
    this.store = store;
    this.keepFailed = keepFailed;
    this.endAtBroken = endAtBroken;
    this.trackActs = trackActs;
    this.lastKey = sem.keys.bound() - 1;
    this.succ = new Successors(states * sem.moves.size(), sem.layout.words);
    this.cur = new long[sem.layout.words];
    this.before = new long[sem.layout.words];
    this.enabled = new int[sem.moves.size()];
    this.failedMoves = new int[sem.moves.size()];
    this.failedAssertions = new StepAssertion[sem.moves.size()];
    this.failedWhy = new String[sem.moves.size()];
  }

  /**
   * Generates the successors of state {@code id}, read from {@code states}, onto {@link #succ};
   * returns the steps taken. The hot loop of the search: fields are read into locals once,
   * because a step is a call the JIT cannot see through, after which it would have to read
   * every field again.
   */
  long expand(int id, StateSource states, Mode mode) {
    Semantics sem = this.sem;
    Successors succ = this.succ;
    long[] cur = this.cur;
    states.load(id, cur);
    int key = sem.keys.of(cur);
    failures = 0;
    deadlocked = false;
    if (endAtBroken && sem.broken(cur, key == lastKey) != null) {
      return 0;
    }
    int n = sem.enabledMoves(cur, enabled);
    deadlocked = n == 0 && key != lastKey;
    if (mode == Mode.DEADLOCK_ONLY) {
      return 0;
    }
    if (local != null) {
      n = local.reduce(cur, enabled, n);
    }
    int taken = 0;
    for (int i = 0; i < n; i++) {
      int move = enabled[i];
      int t = sem.threadOf(move);
      int pc = sem.pc(cur, t);
      long[] next = succ.next(cur);
      try {
        sem.applyEnabled(next, move);
      } catch (ArmRules.Blocked b) {
        continue;
      }
      taken++;
      StepAssertion failed = sem.failedAssertion();
      if (failed != null) {
        failedMoves[failures] = move;
        failedAssertions[failures] = failed;
        failedWhy[failures] = sem.failure();
        failures++;
        if (mode == Mode.UNTIL_FAILURE) {
          break;
        }
        if (!keepFailed) {
          continue;
        }
      }
      int acted = trackActs && actsBeyondPc(cur, next, t) ? pc : -1;
      if (sym != null) {
        sym.canonicalize(sem.layout, next, null);
      }
      succ.keep(id, move, sem.keys.after(key, pc, sem.nextPc(), next), store.hash(next), acted);
    }
    return taken;
  }

  /** Whether thread {@code t}'s step from {@code from} to {@code to} changed more than its pc. */
  private boolean actsBeyondPc(long[] from, long[] to, int t) {
    System.arraycopy(from, 0, before, 0, before.length);
    sem.layout.set(before, sem.layout.pcBase + t, sem.pc(to, t));
    for (int i = 0; i < before.length; i++) {
      if (before[i] != to[i]) {
        return true;
      }
    }
    return false;
  }

  /** Whether the last state expanded is a deadlock. */
  boolean deadlocked() {
    return deadlocked;
  }

  /** What each thread of the last state expanded, a deadlock, waits for. */
  String deadlockExplanation() {
    return Blocking.deadlock(sem, cur);
  }

  /** How many steps of the last state expanded failed an assertion. */
  int failures() {
    return failures;
  }

  int failedMove(int i) {
    return failedMoves[i];
  }

  StepAssertion failedAssertion(int i) {
    return failedAssertions[i];
  }

  String failedExplanation(int i) {
    return failedWhy[i];
  }
}
