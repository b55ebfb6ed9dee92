package tlbcheck.explorer;

/**
 * Which state-space reductions an {@link Explorer} uses. Each keeps verdicts exact and is on by
 * default; switching one off ({@code --no-symmetry}, {@code --no-partial-order}) is for
 * measuring it, or for checking a model whose declared symmetry is in doubt.
 *
 * @param symmetry store one state per class of states equal up to a permutation of threads
 *     declared copies of one another ({@link Symmetry})
 * @param partialOrder under arm64, take a thread's local step alone where it has one ({@link
 *     LocalMoves})
 */
public record Reductions(boolean symmetry, boolean partialOrder) {
  public static final Reductions ALL = new Reductions(true, true);
  public static final Reductions NONE = new Reductions(false, false);

  public Reductions withSymmetry(boolean value) {
    return new Reductions(value, partialOrder);
  }

  public Reductions withPartialOrder(boolean value) {
    return new Reductions(symmetry, value);
  }
}
