package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Step;
import tlbcheck.model.ThreadDef;

/**
 * The numbering of a model's moves: thread t's alternative w is move {@code base[t] + w}, so
 * that a move fits the one unsigned byte a state's parent pointer keeps it in, and moves in
 * number order are in canonical order (thread, then alternative, then the writes waiting in
 * its CPU reaching memory). Under arm64 each alternative comes in {@code choices} moves, one per
 * write its load may read (newest first): alternative w's choice k is thread-local way {@code w
 * * choices + k}; and each thread's ways of a load that reads late ({@link LateReads}) come
 * before its commits: one that issues it, then per waiting load one per choice of the write it
 * reads. Immutable.
 */
final class MoveTable {
  /** A state's parent pointer keeps the move that reached it in one unsigned byte. */
  static final int MAX_MOVES = 256;

  private final int[] base;
  private final int[] thread;
  private final int[] way;
  private final int[] drainWay;
  private final int[] commits;
  private final int choices;
  /** Per thread, how many ways late loads have: none, or one to issue and one per choice. */
  private final int lateWays;

  /**
   * The moves of {@code model}'s threads: each alternative of a step in at most {@code wanted}
   * moves, one per choice ({@link #fit}), then {@code commits[t]} more for thread t, its waiting
   * writes reaching memory (x86: one, the oldest entry of its store buffer; arm64: any; sc: none).
   */
  MoveTable(Model model, int[] commits, int wanted, boolean late) {
    int n = model.threads().size();
    this.commits = commits;
    this.choices = fit(model, commits, wanted, late);
    this.lateWays = late ? 1 + ArmLateReads.SLOTS * choices : 0;
    base = new int[n + 1];
    drainWay = new int[n];
    for (ThreadDef t : model.threads()) {
      int ways = 1;
      for (Step step : t.program()) {
        ways = Math.max(ways, step.ways());
      }
      drainWay[t.index()] = commits[t.index()] > 0 ? ways * choices : -1;
      base[t.index() + 1] = base[t.index()] + ways * choices + lateWays + commits[t.index()];
    }
    if (base[n] > MAX_MOVES) {
      throw new ModelError("model " + model.name() + ": its threads' choices add up to "
          + base[n] + " moves; the explorer stores a move in a byte, so at most "
          + MAX_MOVES + " (fewer threads, or fewer alternatives per choice)");
    }
    thread = new int[base[n]];
    way = new int[base[n]];
    for (int t = 0; t < n; t++) {
      for (int m = base[t]; m < base[t + 1]; m++) {
        thread[m] = t;
        way[m] = m - base[t];
      }
    }
  }

  /**
   * At most {@code wanted} choices per alternative, as many as fit in {@link #MAX_MOVES} moves
   * (at least one): a step with more than that many is refused when it runs ({@link
   * ArmRules}), never explored in part.
   */
  private static int fit(Model model, int[] commits, int wanted, boolean late) {
    int ways = 0;
    int fixed = 0;
    for (ThreadDef t : model.threads()) {
      int w = 1;
      for (Step step : t.program()) {
        w = Math.max(w, step.ways());
      }
      ways += w + (late ? ArmLateReads.SLOTS : 0);
      fixed += commits[t.index()] + (late ? 1 : 0);
    }
    return Math.max(1, Math.min(wanted, (MAX_MOVES - fixed) / ways));
  }

  /** How many distinct moves there are: every alternative of every thread. */
  int size() {
    return thread.length;
  }

  /** The move of thread {@code t} taking alternative {@code w}. */
  int move(int t, int w) {
    return base[t] + w;
  }

  int threadOf(int move) {
    return thread[move];
  }

  int wayOf(int move) {
    return way[move];
  }

  /** Thread t's first way past its steps': a late load's, else a commit; -1 without any. */
  int drainWay(int t) {
    return drainWay[t];
  }

  /** How many commit ways thread t has. */
  int commits(int t) {
    return commits[t];
  }

  /** Thread t's first way that commits a waiting entry (entry 0), or -1 without any. */
  int commitWay(int t) {
    return drainWay[t] < 0 ? -1 : drainWay[t] + lateWays;
  }

  /** How many ways a thread has for a load that reads late (they start at its drain way). */
  int lateWays() {
    return lateWays;
  }

  /** How many ways thread t has from its drain way on: a late load's, then its commits. */
  int drainWays(int t) {
    return lateWays + commits[t];
  }

  /** How many moves each alternative of a step comes in: the writes a load may choose. */
  int choices() {
    return choices;
  }
}
