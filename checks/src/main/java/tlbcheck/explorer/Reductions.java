package tlbcheck.explorer;

/**
 * Which state-space reductions an {@link Explorer} uses. Each keeps verdicts exact and is on by
 * default; switching one off ({@code --no-symmetry}) is for measuring it, or for checking a
 * model whose declared symmetry is in doubt.
 *
 * @param symmetry store one state per class of states equal up to a permutation of threads
 *     declared copies of one another ({@link Symmetry})
 */
public record Reductions(boolean symmetry) {
  public static final Reductions ALL = new Reductions(true);
  public static final Reductions NONE = new Reductions(false);
}
