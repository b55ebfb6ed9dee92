package tlbcheck.file;

import java.util.List;
import java.util.function.ToIntFunction;
import tlbcheck.model.Reader;

/**
 * A litmus file's final clause: {@code exists (1:r0=1 /\ 1:r1=0)}, its negation {@code ~exists
 * (...)}, or {@code forall (...)}, over registers ({@code 1:r0}, thread 1's r0) and shared
 * variables ({@code x}). herd7 judges the condition over the final states projected on the
 * locations it names, and so does {@code tlbcheck litmus}: {@link #observe} is that projection.
 */
public final class Clause {
  /** Which question the clause asks of the condition. */
  public enum Quantifier {
    EXISTS("exists"), NOT_EXISTS("~exists"), FORALL("forall");

    private final String word;

    Quantifier(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /**
   * A condition over the observed values. Our own interface rather than Predicate: the engines
   * on real memory (Lincheck) read the fields of every object a check reaches, and the JDK's
   * Predicate.and/negate objects live in a module they may not open.
   */
  interface Condition {
    boolean test(int[] values);
  }

  private final Quantifier quantifier;
  private final String condition;
  private final List<String> observed;
  private final List<ToIntFunction<Reader>> readers;
  private final Condition test;

  Clause(Quantifier quantifier, String condition, List<String> observed,
      List<ToIntFunction<Reader>> readers, Condition test) {
    this.quantifier = quantifier;
    this.condition = condition;
    this.observed = List.copyOf(observed);
    this.readers = List.copyOf(readers);
    this.test = test;
  }

  public Quantifier quantifier() {
    return quantifier;
  }

  /** The locations the condition names, in the order it first names them ({@code 1:r0}, x). */
  public List<String> observed() {
    return observed;
  }

  /** The values of {@link #observed} in the state {@code r} reads. */
  public int[] observe(Reader r) {
    int[] values = new int[readers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = readers.get(i).applyAsInt(r);
    }
    return values;
  }

  /** Whether the condition holds of the observed values {@code values}. */
  public boolean holds(int[] values) {
    return test.test(values);
  }

  @Override
  public String toString() {
    return quantifier + " (" + condition + ")";
  }
}
