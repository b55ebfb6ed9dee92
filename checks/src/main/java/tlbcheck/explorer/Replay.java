package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Step;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadDef;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * Replays one schedule, a list of (thread, alternative) moves or a {@link Schedule} of (thread,
 * step label) pairs, against a model from its initial state, through the same {@link Semantics}
 * the search uses, checking every property as the search does: a step assertion as the step is
 * taken, the invariants after it, the final properties once every thread has finished. How another
 * engine's counterexample is confirmed on the model (Lincheck's, recorded by {@link
 * tlbcheck.model.real.RealMemory}), and how a race read in a commit message becomes a test ({@code
 * tlbcheck replay}). Under x86 and arm64 a store reaching memory, or a TLBI completing, is a row
 * of its own, named by its label; under arm64 a column trace's changes also say which write
 * each load or walk read ({@link #choice}).
 */
public final class Replay {
  private Replay() {
  }

  /**
   * A scheduled step: thread {@code thread} takes {@code way}: its alternative (0 for a plain
   * step), under arm64 times the choices a move carries plus the choice.
   */
  public record Move(int thread, int way) {}

  /** Replays {@code moves}, stopping at the first violation or at a move that cannot be taken. */
  public static Replayed run(Model model, List<Move> moves) {
    return replay(model, MemoryModel.SC, moves.size(), (sem, s, i) -> {
      Move m = moves.get(i);
      String why = misfit(sem, s, m);
      if (why != null) {
        throw new Misfit(why);
      }
      return m;
    });
  }

  /**
   * Replays a schedule of (thread name, step label) pairs against {@code model}: each label
   * must be the thread's next step, or one alternative of it, where the replay has got to.
   * Whether the schedule was written for this model is the caller's business: it may be
   * replayed against another variant on purpose.
   */
  public static Replayed run(Model model, Schedule schedule) {
    List<Schedule.Entry> steps = schedule.steps();
    MemoryModel memory;
    try {
      memory = MemoryModel.of(schedule.model().memory());
    } catch (IllegalArgumentException e) {
      return new Replayed.Misfit(TraceBuilder.trace(new Semantics(model, MemoryModel.SC),
          Layout.of(model, MemoryModel.SC).initial(model), List.of()), 0, e.getMessage());
    }
    return replay(model, memory, steps.size(), (sem, s, i) -> resolve(sem, s, steps.get(i)));
  }

  /**
   * The model a schedule's header names, of {@code protocol} (the protocol the header names), in
   * {@code variant}, with the header's parameters over the defaults (a header names only those
   * its model uses). An unknown variant or scenario is a {@link tlbcheck.model.CatalogueError}.
   */
  public static Model model(Protocol protocol, Schedule schedule, String variant) {
    ModelRef ref = schedule.model();
    Map<String, Integer> given = ref.params();
    Params d = Params.DEFAULT;
    Params params = new Params(given.getOrDefault("N", d.n()), given.getOrDefault("K", d.k()),
        given.getOrDefault("A", d.a()), given.getOrDefault("P", d.p()),
        given.getOrDefault("I", d.i()));
    return protocol.build(variant, ref.scenario(), params);
  }

  /** The move a schedule entry names in {@code s}. */
  private static Move resolve(Semantics sem, long[] s, Schedule.Entry e) throws Misfit {
    int t = -1;
    List<String> names = new ArrayList<>();
    for (ThreadDef d : sem.model.threads()) {
      names.add(d.name());
      if (d.name().equals(e.thread())) {
        t = d.index();
      }
    }
    if (t < 0) {
      throw new Misfit("there is no thread '" + e.thread() + "'; the threads are " + names);
    }
    int drain = sem.drainWay(t);
    for (int c = 0; drain >= 0 && c < sem.moves.drainWays(t); c++) {
      if (sem.enabled(s, t, drain + c) && sem.label(s, t, drain + c).equals(e.label())) {
        Move m = new Move(t, drain + c);
        return sem.waiting.readsLate(t, m.way()) ? choice(sem, s, m, e) : m;
      }
    }
    if (sem.finished(s, t)) {
      throw new Misfit(e.thread() + " has finished");
    }
    Step next = sem.model.thread(t).step(sem.pc(s, t));
    List<String> labels = new ArrayList<>();
    for (int w = 0; w < next.ways(); w++) {
      labels.add(next.way(w).label());
      if (next.way(w).label().equals(e.label())) {
        Move m = new Move(t, w * sem.moves.choices());
        String why = misfit(sem, s, m);
        if (why != null) {
          throw new Misfit(why);
        }
        return sem.moves.choices() == 1 ? m : choice(sem, s, m, e);
      }
    }
    throw new Misfit(e.thread() + "'s next step is " + (labels.size() == 1
        ? "'" + labels.get(0) + "'" : "one of " + labels) + ", not '" + e.label() + "'");
  }

  /**
   * Under arm64, which of its choices alternative {@code m} takes: the one whose changes are
   * the entry's (a column trace says which write each load or walk read: {@code x == 0 (read
   * early: memory holds 1)}), or, for an entry without them (the line form), the first that can
   * be taken, which reads the newest write each load may.
   */
  private static Move choice(Semantics sem, long[] s, Move m, Schedule.Entry e) throws Misfit {
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < sem.moves.choices(); k++) {
      Move c = new Move(m.thread(), m.way() + k);
      String changes;
      try {
        TraceStep step = TraceBuilder.step(sem, TraceBuilder.recorder(sem), s.clone(),
            c.thread(), c.way());
        changes = step.changes().stream().map(Object::toString)
            .collect(Collectors.joining(", "));
      } catch (ArmRules.Blocked b) {
        continue;
      }
      if (e.changes() == null || e.changes().equals(changes)) {
        return c;
      }
      seen.add(changes);
    }
    throw new Misfit(e.thread() + "'s '" + e.label() + "' cannot change what the trace says ("
        + (e.changes().isEmpty() ? "nothing" : e.changes()) + "); here it changes "
        + seen.stream().map(c -> c.isEmpty() ? "nothing" : c).collect(Collectors.joining(" or ")));
  }

  /** Where a schedule cannot go on, and why. */
  private static final class Misfit extends Exception {
    private static final long serialVersionUID = 1L;

    Misfit(String why) {
      super(why, null, false, false);
    }
  }

  /** Resolves step {@code i} of a schedule in state {@code s}. */
  private interface Resolver {
    Move resolve(Semantics sem, long[] s, int i) throws Misfit;
  }

  private static Replayed replay(Model model, MemoryModel memory, int length,
      Resolver resolver) {
    Semantics sem = new Semantics(model, memory);
    TraceBuilder recorder = TraceBuilder.recorder(sem);
    long[] s = sem.layout.initial(model);
    List<TraceStep> steps = new ArrayList<>();
    Semantics.Broken broken = sem.broken(s);
    for (int i = 0; i < length && broken == null; i++) {
      Move m;
      try {
        m = resolver.resolve(sem, s, i);
      } catch (Misfit e) {
        return new Replayed.Misfit(TraceBuilder.trace(sem, s, steps), i, e.getMessage());
      }
      steps.add(TraceBuilder.step(sem, recorder, s, m.thread(), m.way()));
      StepAssertion failed = sem.failedAssertion();
      broken = failed != null
          ? new Semantics.Broken(failed.id(), failed.text(), sem.failure())
          : sem.broken(s);
    }
    Trace trace = TraceBuilder.trace(sem, s, steps);
    if (broken != null) {
      return new Replayed.Violation(new Verdict.Violated(broken.property(), broken.text(),
          broken.explanation(), trace));
    }
    boolean finished = sem.allFinished(s);
    if (!finished && !sem.anyEnabled(s)) {
      return new Replayed.Deadlock(new Verdict.Deadlock(Blocking.deadlock(sem, s), trace));
    }
    return new Replayed.NoViolation(trace, finished);
  }

  /** Why move {@code m} cannot be taken in {@code s}, or null if it can. */
  private static String misfit(Semantics sem, long[] s, Move m) {
    if (m.thread() < 0 || m.thread() >= sem.threads()) {
      return "there is no thread " + m.thread() + " (the model has " + sem.threads() + ")";
    }
    String name = sem.model.thread(m.thread()).name();
    if (sem.finished(s, m.thread())) {
      return name + " has finished";
    }
    int ways = sem.ways(m.thread(), sem.pc(s, m.thread()));
    if (m.way() < 0 || sem.alternative(m.way()) >= ways) {
      return name + "'s next step has " + ways + " alternative(s), not " + (m.way() + 1);
    }
    if (!sem.enabled(s, m.thread(), m.way())) {
      String why = Blocking.blocked(sem, s, m.thread());
      String reads = TraceBuilder.guardReads(sem, s, m.thread());
      return name + " " + (why == null ? "is blocked at that alternative"
          : why.startsWith("blocked") ? "is " + why : why)
          + (reads.isEmpty() ? "" : " (" + reads + ")");
    }
    return null;
  }
}
