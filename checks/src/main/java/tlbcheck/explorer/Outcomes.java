package tlbcheck.explorer;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import tlbcheck.model.Model;

/**
 * Every way an execution of a model can end, as an engine on real memory sees it: the first
 * property it breaks (RealMemory stops every thread there), or none once every thread has
 * finished, or a deadlock; with a count of the distinct end states of each (a failed step counts
 * once per state and step it fails from). What a stress run may show: an outcome outside this
 * set means the model and its real-memory execution disagree.
 *
 * <p>A listener on the one search, which covers every execution up to where it ends.
 */
public final class Outcomes implements SearchListener {
  /** The key of executions that broke nothing. */
  public static final String NONE = "none";

  private final SortedMap<String, Integer> ends = new TreeMap<>();

  private Outcomes() {
  }

  /**
   * The reachable outcomes of {@code model}: property id ({@code P1}, {@code DEADLOCK}) or
   * {@link #NONE}, each with the number of distinct states it ends in, searched within {@code
   * config}. Counts are of real states only without a symmetry reduction.
   */
  public static SortedMap<String, Integer> reachable(Model model, SearchConfig config)
      throws LimitReached {
    Outcomes outcomes = new Outcomes();
    Search.Result r = new Search(model, config, Progress.NONE, List.of(outcomes)).run();
    if (r.limit() != null) {
      throw new LimitReached(r.limit());
    }
    return outcomes.ends;
  }

  @Override
  public Coverage coverage() {
    return Coverage.UP_TO_VIOLATIONS;
  }

  /** A search that starts again (with more room in a store buffer) counts afresh. */
  @Override
  public void searchStarted(Semantics sem, Symmetry sym) {
    ends.clear();
  }

  @Override
  public void stateAdded(Semantics sem, int id, long[] s, Semantics.Broken broken,
      boolean finished) {
    if (broken != null) {
      ends.merge(broken.property(), 1, Integer::sum);
    } else if (finished) {
      ends.merge(NONE, 1, Integer::sum);
    }
  }

  @Override
  public void stepFailed(int from, int move, String property) {
    ends.merge(property, 1, Integer::sum);
  }

  @Override
  public void deadlock(int id) {
    ends.merge("DEADLOCK", 1, Integer::sum);
  }
}
