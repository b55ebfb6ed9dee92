package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.result.Trace;
import tlbcheck.result.Verdict;

/**
 * Turns the violation a search found into a verdict with its trace (STYLE.md 3, TLC's
 * TLCTrace): the path is rebuilt from the store's parent pointers, mapped back from the reduced
 * graph to real moves under symmetry, shortened under the partial-order reduction ({@link
 * TraceShortening}), and replayed once with full detail.
 */
final class Counterexample {
  private Counterexample() {
  }

  /**
   * The verdict of {@code found}, a violation the search of {@code sem}'s model stored; {@code
   * reduced}: the search used the partial-order reduction.
   */
  static Verdict of(Found found, Semantics sem, StateStore store, Symmetry sym,
      boolean reduced) {
    int[] moves = path(found, store);
    if (sym != null) {
      moves = sym.realMoves(sem, moves);
    }
    if (reduced) {
      moves = TraceShortening.of(found, sem, moves);
    }
    String explanation = sym == null && !reduced ? found.explanation()
        : explanation(found, sem, moves);
    Trace trace = TraceBuilder.replay(sem, moves);
    return found.deadlock()
        ? new Verdict.Deadlock(explanation, trace)
        : new Verdict.Violated(found.property(), found.text(), explanation, trace);
  }

  /**
   * What breaks the property at the end of the real path {@code moves}: under symmetry the
   * search saw a permutation of that state, whose explanation may name another vCPU.
   */
  private static String explanation(Found found, Semantics sem, int[] moves) {
    Model model = sem.model;
    long[] s = sem.layout.initial(model);
    for (int move : moves) {
      sem.apply(s, sem.threadOf(move), sem.wayOf(move));
    }
    if (found.deadlock()) {
      return Blocking.deadlock(sem, s);
    }
    if (found.move() >= 0) {
      return sem.failure();
    }
    Semantics.Broken b = sem.broken(s);
    if (b == null) {
      throw new ModelError("model " + model.name() + ": the threads declared symmetric "
          + model.symmetries() + " are not: a path that breaks " + found.property() + " in the "
          + "reduced state graph does not break it in the real one (check it with "
          + "--no-symmetry)");
    }
    return b.explanation();
  }

  /** The moves from the initial state to the violation, rebuilt from parent pointers. */
  private static int[] path(Found found, StateStore store) {
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
}
