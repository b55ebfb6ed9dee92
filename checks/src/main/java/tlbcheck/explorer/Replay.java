package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.StepAssertion;
import tlbcheck.report.Replayed;
import tlbcheck.report.Trace;
import tlbcheck.report.TraceStep;
import tlbcheck.report.Verdict;

/**
 * Replays one schedule, a list of (thread, alternative) moves, against a model from its initial
 * state, through the same {@link Semantics} the search uses, checking every property as the
 * search does: a step assertion as the step is taken, the invariants after it, the final
 * properties once every thread has finished. How another engine's counterexample is confirmed
 * on the model (Lincheck's, recorded by {@link tlbcheck.model.real.RealMemory}).
 */
public final class Replay {
  private Replay() {
  }

  /** A scheduled step: thread {@code thread} takes alternative {@code way} (0 for a plain step). */
  public record Move(int thread, int way) {}

  /** Replays {@code moves}, stopping at the first violation or at a move that cannot be taken. */
  public static Replayed run(Model model, List<Move> moves) {
    Semantics sem = new Semantics(model);
    TraceBuilder recorder = TraceBuilder.recorder(sem);
    long[] s = sem.layout.initial(model);
    List<TraceStep> steps = new ArrayList<>();
    Semantics.Broken broken = broken(sem, s);
    for (int i = 0; i < moves.size() && broken == null; i++) {
      Move m = moves.get(i);
      String misfit = misfit(sem, s, m);
      if (misfit != null) {
        return new Replayed.Misfit(TraceBuilder.trace(sem, s, steps), i, misfit);
      }
      steps.add(TraceBuilder.step(sem, recorder, s, m.thread(), m.way()));
      StepAssertion failed = sem.failedAssertion();
      broken = failed != null
          ? new Semantics.Broken(failed.id(), failed.text(), sem.failure())
          : broken(sem, s);
    }
    Trace trace = TraceBuilder.trace(sem, s, steps);
    if (broken != null) {
      return new Replayed.Violation(new Verdict.Violated(broken.property(), broken.text(),
          broken.explanation(), trace));
    }
    boolean finished = sem.allFinished(s);
    if (!finished && canNoneMove(sem, s)) {
      return new Replayed.Deadlock(new Verdict.Deadlock(sem.deadlock(s), trace));
    }
    return new Replayed.NoViolation(trace, finished);
  }

  private static Semantics.Broken broken(Semantics sem, long[] s) {
    Semantics.Broken b = sem.brokenInvariant(s);
    return b == null && sem.allFinished(s) ? sem.brokenFinal(s) : b;
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
    if (m.way() < 0 || m.way() >= ways) {
      return name + "'s next step has " + ways + " alternative(s), not " + (m.way() + 1);
    }
    if (!sem.enabled(s, m.thread(), m.way())) {
      String why = sem.blocked(s, m.thread());
      return name + " cannot take its next step: it "
          + (why == null ? "is blocked at that alternative" : why);
    }
    return null;
  }

  private static boolean canNoneMove(Semantics sem, long[] s) {
    for (int t = 0; t < sem.threads(); t++) {
      if (sem.enabled(s, t)) {
        return false;
      }
    }
    return true;
  }
}
