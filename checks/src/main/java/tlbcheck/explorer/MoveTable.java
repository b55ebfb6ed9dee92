package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Step;
import tlbcheck.model.ThreadDef;

/**
 * The numbering of a model's moves: thread t's alternative w is move {@code base[t] + w}, so
 * that a move fits the one unsigned byte a state's parent pointer keeps it in, and moves in
 * number order are in canonical order (thread, then alternative, then under x86 the drain of
 * its store buffer). Immutable.
 */
final class MoveTable {
  /** A state's parent pointer keeps the move that reached it in one unsigned byte. */
  static final int MAX_MOVES = 256;

  private final int[] base;
  private final int[] thread;
  private final int[] way;
  private final int[] drainWay;

  /**
   * The moves of {@code model}'s threads; with {@code drains}, each thread has one more, after
   * its alternatives: the oldest entry of its store buffer reaching memory (x86).
   */
  MoveTable(Model model, boolean drains) {
    int n = model.threads().size();
    base = new int[n + 1];
    drainWay = new int[n];
    for (ThreadDef t : model.threads()) {
      int ways = 1;
      for (Step step : t.program()) {
        ways = Math.max(ways, step.ways());
      }
      drainWay[t.index()] = drains ? ways : -1;
      base[t.index() + 1] = base[t.index()] + ways + (drains ? 1 : 0);
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

  /** The way of thread t that drains its store buffer's oldest entry, or -1 without buffers. */
  int drainWay(int t) {
    return drainWay[t];
  }
}
