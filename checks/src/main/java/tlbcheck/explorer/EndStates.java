package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What necessity compares a mutant with its protocol by, gathered as a listener on the search
 * that decides the model's verdict: the shared variables' values in each distinct state where
 * every thread has finished and nothing is broken (what an execution leaves behind), and every
 * step that changes a variable or register in some reachable state (a step not among them does
 * nothing but move its thread on).
 *
 * <p>It asks for no more than the verdict needs: when the search finds no violation it has
 * covered the whole graph, and these sets are complete; necessity reads them only then. Under a
 * symmetry reduction each stored state stands for its class, so both sets are closed under the
 * reduction's permutations and are those of the unreduced graph.
 */
final class EndStates implements SearchListener {
  private final Set<List<Integer>> ends = new HashSet<>();
  private final Set<List<Integer>> acting = new HashSet<>();
  private Semantics sem;
  private Symmetry sym;

  @Override
  public void searchStarted(Semantics semantics, Symmetry symmetry) {
    this.sem = semantics;
    this.sym = symmetry;
    ends.clear();
    acting.clear();
  }

  @Override
  public boolean tracksActs() {
    return true;
  }

  @Override
  public void stateAdded(Semantics semantics, int id, long[] s, Semantics.Broken broken,
      boolean finished) {
    if (broken != null || !finished) {
      return;
    }
    if (sym == null) {
      ends.add(values(s));
    } else {
      sym.images(sem.layout, s, image -> ends.add(values(image)));
    }
  }

  @Override
  public void transition(int from, int move, int actedPc) {
    if (actedPc < 0) {
      return;
    }
    int t = sem.threadOf(move);
    for (int u : sym == null ? new int[] {t} : sym.sameAs(t)) {
      acting.add(List.of(u, actedPc));
    }
  }

  /** The variables' values of each distinct end state without a broken property. */
  Set<List<Integer>> ends() {
    return ends;
  }

  /** Whether thread {@code t}'s step at {@code pc} changes more than its pc somewhere. */
  boolean acts(int t, int pc) {
    return acting.contains(List.of(t, pc));
  }

  private List<Integer> values(long[] s) {
    List<Integer> values = new ArrayList<>(sem.layout.vars);
    for (int v = 0; v < sem.layout.vars; v++) {
      values.add(sem.layout.get(s, v));
    }
    return List.copyOf(values);
  }
}
