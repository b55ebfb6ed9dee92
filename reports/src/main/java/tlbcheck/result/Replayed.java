package tlbcheck.result;

/**
 * What replaying a schedule against a model reached. Unlike a {@link Verdict}, it speaks of one
 * path only: a schedule that reaches no violation proves nothing about the others.
 */
public sealed interface Replayed {
  /** The steps replayed, up to where the replay stopped. */
  Trace trace();

  /**
   * What the replay reached, in a word a test can compare: {@code violates P1}, {@code violates
   * DEADLOCK}, {@code no violation} or {@code does not fit}.
   */
  default String label() {
    if (this instanceof Violation v) {
      return v.verdict().label();
    }
    if (this instanceof Deadlock d) {
      return d.verdict().label();
    }
    return this instanceof Misfit ? "does not fit" : "no violation";
  }

  /** A property broke at the last step of the trace; later steps were not replayed. */
  record Violation(Verdict.Violated verdict) implements Replayed {
    @Override
    public Trace trace() {
      return verdict.trace();
    }
  }

  /** After the last step no thread that has not finished can move. */
  record Deadlock(Verdict.Deadlock verdict) implements Replayed {
    @Override
    public Trace trace() {
      return verdict.trace();
    }
  }

  /**
   * Every step was taken and no property broke; {@code finished} says whether every thread
   * reached its end.
   */
  record NoViolation(Trace trace, boolean finished) implements Replayed {}

  /**
   * Step {@code index} (from 0) of the schedule cannot be taken where the trace left the model,
   * for the reason given: an unknown thread, a label that is not the thread's next step, a
   * step whose guard does not hold and what it waits for.
   */
  record Misfit(Trace trace, int index, String reason) implements Replayed {}
}
