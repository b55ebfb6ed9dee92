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
 * * choices + k}. Immutable.
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

  /**
   * The moves of {@code model}'s threads: each alternative of a step in at most {@code wanted}
   * moves, one per choice ({@link #fit}), then {@code commits[t]} more for thread t, its waiting
   * writes reaching memory (x86: one, the oldest entry of its store buffer; arm64: any; sc: none).
   */
  MoveTable(Model model, int[] commits, int wanted) {
    int n = model.threads().size();
    this.commits = commits;
    this.choices = fit(model, commits, wanted);
    base = new int[n + 1];
    drainWay = new int[n];
    for (ThreadDef t : model.threads()) {
      int ways = 1;
      for (Step step : t.program()) {
        ways = Math.max(ways, step.ways());
      }
      drainWay[t.index()] = commits[t.index()] > 0 ? ways * choices : -1;
      base[t.index() + 1] = base[t.index()] + ways * choices + commits[t.index()];
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
  private static int fit(Model model, int[] commits, int wanted) {
    int ways = 0;
    int fixed = 0;
    for (ThreadDef t : model.threads()) {
      int w = 1;
      for (Step step : t.program()) {
        w = Math.max(w, step.ways());
      }
      ways += w;
      fixed += commits[t.index()];
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

  /** Thread t's first way that commits a waiting write (entry 0), or -1 without any. */
  int drainWay(int t) {
    return drainWay[t];
  }

  /** How many commit ways thread t has. */
  int commits(int t) {
    return commits[t];
  }

  /** How many moves each alternative of a step comes in: the writes a load may choose. */
  int choices() {
    return choices;
  }
}
