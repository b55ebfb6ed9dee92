package tlbcheck.explorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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
    SortedMap<String, Integer> outcomes = new TreeMap<>();
    visit(model, maxStates, (outcome, sem, s) -> outcomes.merge(outcome, 1, Integer::sum), null);
    return outcomes;
  }

  /**
   * The shared variables' values in each distinct state where every thread has finished and no
   * property is broken: what an execution leaves behind, for {@code tlbcheck necessity} to
   * compare a mutant with its protocol. Stops with a {@link LimitReached} past {@code maxStates}.
   */
  public static Set<List<Integer>> finalValues(Model model, long maxStates) throws LimitReached {
    return finalValues(model, maxStates, null);
  }

  /**
   * {@link #finalValues}, and {@code acting} learns every step that changes a variable or
   * register in some reachable state: a step not in it does nothing but move its thread on.
   */
  static Set<List<Integer>> finalValues(Model model, long maxStates, StepVisitor acting)
      throws LimitReached {
    Set<List<Integer>> ends = new HashSet<>();
    visit(model, maxStates, (outcome, sem, s) -> {
      if (outcome.equals(NONE)) {
        List<Integer> values = new ArrayList<>(sem.layout.vars);
        for (int v = 0; v < sem.layout.vars; v++) {
          values.add(sem.layout.get(s, v));
        }
        ends.add(List.copyOf(values));
      }
    }, acting);
    return ends;
  }

  /** Where {@link #visit} reports each end state. */
  @FunctionalInterface
  private interface EndVisitor {
    void end(String outcome, Semantics sem, long[] state);
  }

  /** Told of each step that changes more than its thread's program counter. */
  @FunctionalInterface
  interface StepVisitor {
    void acts(int thread, int pc);
  }

  /**
   * Depth-first over every reachable state; each distinct end state (or failed step, for which
   * {@code state} is the one before it) goes to {@code visitor} once, and, if {@code acting} is
   * not null, each step that changes a variable or register to it.
   */
  private static void visit(Model model, long maxStates, EndVisitor visitor,
      StepVisitor acting) throws LimitReached {
    Semantics sem = new Semantics(model);
    Set<Key> seen = new HashSet<>();
    Deque<long[]> todo = new ArrayDeque<>();
    long[] initial = sem.layout.initial(model);
    seen.add(new Key(initial.clone()));
    todo.push(initial);
    while (!todo.isEmpty()) {
      long[] s = todo.pop();
      String end = end(sem, s);
      if (end != null) {
        visitor.end(end, sem, s);
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
          if (acting != null && changesMoreThanPc(sem, s, next, t)) {
            acting.acts(t, sem.pc(s, t));
          }
          StepAssertion failed = sem.failedAssertion();
          if (failed != null) {
            visitor.end(failed.id(), sem, s);
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
  }

  private static boolean changesMoreThanPc(Semantics sem, long[] before, long[] after, int t) {
    long[] moved = before.clone();
    sem.layout.set(moved, sem.layout.pcBase + t, sem.pc(after, t));
    return !Arrays.equals(moved, after);
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
