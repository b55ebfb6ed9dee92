package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tlbcheck.model.Model;
import tlbcheck.model.Reader;

/**
 * The distinct final states of a model projected on what an observer reads of them, as herd7
 * counts a litmus test's states: every reachable state where every thread has finished, seen
 * through {@code observe} (a litmus clause's registers and variables). A listener on the one
 * search; a final state that breaks the model's final property is a final state like any other.
 */
public final class FinalStates implements SearchListener {
  private final Function<Reader, int[]> observe;
  private final Set<List<Integer>> seen = new TreeSet<>(FinalStates::compare);
  private Symmetry sym;

  private FinalStates(Function<Reader, int[]> observe) {
    this.observe = observe;
  }

  /**
   * The projections of {@code model}'s final states through {@code observe}, in lexicographic
   * order, searched within {@code config}.
   */
  public static List<int[]> of(Model model, SearchConfig config, Function<Reader, int[]> observe)
      throws LimitReached {
    FinalStates states = new FinalStates(observe);
    Search.Result r = new Search(model, config, Progress.NONE, List.of(states)).run();
    if (r.limit() != null) {
      throw new LimitReached(r.limit());
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> s : states.seen) {
      out.add(s.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  @Override
  public Coverage coverage() {
    return Coverage.UP_TO_VIOLATIONS;
  }

  @Override
  public void searchStarted(Semantics sem, Symmetry symmetry) {
    this.sym = symmetry;
    seen.clear();
  }

  @Override
  public void stateAdded(Semantics sem, int id, long[] s, Semantics.Broken broken,
      boolean finished) {
    if (!finished) {
      return;
    }
    if (sym == null) {
      add(sem.reader(s));
    } else {
      sym.images(sem.layout, s, image -> add(sem.reader(image)));
    }
  }

  private void add(Reader r) {
    seen.add(Arrays.stream(observe.apply(r)).boxed().toList());
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
