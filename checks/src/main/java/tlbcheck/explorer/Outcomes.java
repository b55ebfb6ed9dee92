package tlbcheck.explorer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.SortedMap;
import tlbcheck.model.Model;
import tlbcheck.model.StepAssertion;

/**
 * Every way an execution of a model can end, as an engine on real memory sees it: the first
 * property it breaks (RealMemory stops every thread there), or none once every thread has
 * finished, or a deadlock. With a count of the distinct end states of each, for reports. What
 * a stress run may show: an outcome outside this set means the model and its real-memory
 * execution disagree.
 *
 * <p>A plain depth-first search over a hash set of states: it serves the small models of a
 * two-actor race, not the catalogue at large ({@link Explorer} does that).
 */
public final class Outcomes {
  private Outcomes() {
  }

  /** A state as a hash-set key. */
  private record Key(long[] words) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(words, k.words);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(words);
    }
  }

  /**
   * The reachable outcomes of {@code model}: property id ({@code P1}, {@code DEADLOCK}) or {@link
   * #NONE}, each with the number of distinct states it ends in. Stops with a {@link
   * LimitReached} past {@code maxStates} states.
   */
  public static SortedMap<String, Integer> reachable(Model model, long maxStates)
      throws LimitReached {
    Semantics sem = new Semantics(model);
    SortedMap<String, Integer> outcomes = new TreeMap<>();
    Set<Key> seen = new HashSet<>();
    Deque<long[]> todo = new ArrayDeque<>();
    long[] initial = sem.layout.initial(model);
    seen.add(new Key(initial.clone()));
    todo.push(initial);
    while (!todo.isEmpty()) {
      long[] s = todo.pop();
      String end = end(sem, s);
      if (end != null) {
        outcomes.merge(end, 1, Integer::sum);
        continue;
      }
      for (int t = 0; t < sem.threads(); t++) {
        if (sem.finished(s, t)) {
          continue;
        }
        int ways = sem.ways(t, sem.pc(s, t));
        for (int w = 0; w < ways; w++) {
          if (!sem.enabled(s, t, w)) {
            continue;
          }
          long[] next = s.clone();
          sem.apply(next, t, w);
          StepAssertion failed = sem.failedAssertion();
          if (failed != null) {
            outcomes.merge(failed.id(), 1, Integer::sum);
            continue;
          }
          if (seen.add(new Key(next.clone()))) {
            if (seen.size() > maxStates) {
              throw new LimitReached("--max-states " + maxStates);
            }
            todo.push(next);
          }
        }
      }
    }
    return outcomes;
  }

  /** The outcome {@code s} ends in, or null if the execution goes on. */
  private static String end(Semantics sem, long[] s) {
    Semantics.Broken b = sem.broken(s);
    if (b != null) {
      return b.property();
    }
    if (sem.allFinished(s)) {
      return NONE;
    }
    return sem.anyEnabled(s) ? null : "DEADLOCK";
  }

  /** The key of executions that broke nothing. */
  public static final String NONE = "none";
}
