package tlbcheck.model;

/**
 * One atomic step of a thread: a label in the kernel's own words (traces print it), its
 * {@link StepKind}, a guard ({@code await C}: the step is enabled only while it holds) and the
 * action. Immutable; actions and guards must be deterministic functions of the state they read.
 *
 * <p>A step may also be a choice: {@link #ways()} alternatives at one program counter, of which
 * an execution takes one (a vCPU touching any of the block's pages, or a page outside it). Each
 * alternative is a step of its own, with its own label; the checker explores every one.
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

  /** The action of one alternative of a choice: {@code way} is which one. */
  @FunctionalInterface
  public interface ChoiceAction {
    void run(Ctx c, int way);
  }

  /** The guard of a step that is always enabled. */
  public static final Guard ALWAYS = c -> true;

  private final String label;
  private final StepKind kind;
  private final Guard guard;
  private final Action action;
  private final Step[] alternatives;
  private final Role role;
  private final String resource;
  private final Order order;

  Step(String label, StepKind kind, Guard guard, Action action) {
    this(label, kind, guard, action, null, null);
  }

  /**
   * A step with a {@link Role}; {@code resource} names what an {@link Role#ACQUIRE} or {@link
   * Role#RELEASE} takes or gives back ({@code mmu_lock}), so that a lock is removed with its
   * own unlocks.
   */
  Step(String label, StepKind kind, Guard guard, Action action, Role role, String resource) {
    this(label, kind, guard, action, role, resource, Order.PLAIN);
  }

  private Step(String label, StepKind kind, Guard guard, Action action, Role role,
      String resource, Order order) {
    this.label = label;
    this.kind = kind;
    this.guard = guard;
    this.action = action;
    this.alternatives = new Step[] {this};
    this.role = role;
    this.resource = resource;
    this.order = order;
  }

  /**
   * A step for a primitive of the kernel's to offer (a lock, a flush): {@code role} says what
   * {@code tlbcheck necessity} may remove it as (null: nothing), and {@code resource} what an
   * acquire or release takes or gives back ({@code mmu_lock}), so that a lock goes with its
   * own unlocks.
   */
  public static Step of(String label, StepKind kind, Guard guard, Action action, Role role,
      String resource) {
    return new Step(label, kind, guard, action, role, resource);
  }

  /** A choice of {@code alternatives}, all of one kind; {@code label} names the choice. */
  Step(String label, Step[] alternatives) {
    this.label = label;
    this.kind = alternatives[0].kind;
    this.guard = ALWAYS;
    this.action = c -> {
      throw new IllegalStateException("a choice runs one of its alternatives, not itself");
    };
    this.alternatives = alternatives.clone();
    this.role = null;
    this.resource = null;
    this.order = Order.PLAIN;
  }

  /**
   * This step with its access's ordering, as the kernel writes it ({@code READ_ONCE} is {@link
   * Order#ONCE}, {@code xchg} {@link Order#RMW_FULL}); a plain step's is {@link Order#PLAIN}.
   */
  public Step ordered(Order o) {
    if (alternatives.length > 1) {
      throw new ModelError("step '" + label + "' is a choice; order its alternatives");
    }
    return new Step(label, kind, guard, action, role, resource, o);
  }

  /**
   * This step removed, for a necessity mutant: it keeps its place in the program (jumps and
   * metric spans name program counters) and in traces, labelled {@code (removed) label}, and
   * does nothing.
   */
  public Step removed() {
    return new Step("(removed) " + label, StepKind.SOFTWARE, ALWAYS, c -> { });
  }

  /** How many alternatives this step offers: 1 unless it is a choice. */
  public int ways() {
    return alternatives.length;
  }

  /** Alternative {@code way}: this step itself unless it is a choice. */
  public Step way(int way) {
    return alternatives[way];
  }

  public String label() {
    return label;
  }

  public StepKind kind() {
    return kind;
  }

  /** What the step does for safety, or null for the protocol's own work. */
  public Role role() {
    return role;
  }

  /** The ordering of the step's access, or which barrier it is. */
  public Order order() {
    return order;
  }

  /** The lock or RCU domain an acquire or release step works on, else null. */
  public String resource() {
    return resource;
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
