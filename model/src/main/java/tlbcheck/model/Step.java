package tlbcheck.model;

/**
 * One atomic step of a thread: a label in the kernel's own words (traces print it), its
 * {@link StepKind}, a guard ({@code await C}: the step is enabled only while it holds) and the
 * action. Immutable; actions and guards must be deterministic functions of the state they read.
 */
public final class Step {
  /** The action of a step. */
  @FunctionalInterface
  public interface Action {
    void run(Ctx c);
  }

  /** The enabling condition of a step; it may read but not write. */
  @FunctionalInterface
  public interface Guard {
    boolean test(Ctx c);
  }

  static final Guard ALWAYS = c -> true;

  private final String label;
  private final StepKind kind;
  private final Guard guard;
  private final Action action;

  Step(String label, StepKind kind, Guard guard, Action action) {
    this.label = label;
    this.kind = kind;
    this.guard = guard;
    this.action = action;
  }

  public String label() {
    return label;
  }

  public StepKind kind() {
    return kind;
  }

  public boolean hasGuard() {
    return guard != ALWAYS;
  }

  public boolean enabled(Ctx c) {
    return guard.test(c);
  }

  public void run(Ctx c) {
    action.run(c);
  }

  @Override
  public String toString() {
    return label;
  }
}
