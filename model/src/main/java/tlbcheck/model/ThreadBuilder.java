package tlbcheck.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Writes one thread's program, step by step, in program order. Loops over a bounded range are
 * unrolled by writing them as Java loops around these calls; branches jump to a {@link Label}.
 * Obtained from {@link ModelBuilder#thread(String)}; not thread-safe.
 */
public final class ThreadBuilder {
  private final ModelBuilder model;
  private final String name;
  private final int index;
  private final List<Step> steps = new ArrayList<>();
  private final List<Reg> regs = new ArrayList<>();
  private final List<Label> labels = new ArrayList<>();
  private final Set<ThreadBuilder> startsAfter = new LinkedHashSet<>();

  ThreadBuilder(ModelBuilder model, String name, int index) {
    this.model = model;
    this.name = name;
    this.index = index;
  }

  public String name() {
    return name;
  }

  int index() {
    return index;
  }

  /** Declares a register of this thread. */
  public Reg reg(String regName, Domain domain, int initial) {
    for (Reg r : regs) {
      if (r.name().equals(regName)) {
        throw new ModelError(model.where() + ": thread " + name + " declares register '" + regName
            + "' twice");
      }
    }
    Reg r = new Reg(regName, model.nextRegId(), index, domain, initial);
    regs.add(r);
    return r;
  }

  /** A software step: it may touch at most one shared variable. */
  public ThreadBuilder step(String label, Step.Action action) {
    return add(new Step(label, StepKind.SOFTWARE, Step.ALWAYS, action));
  }

  /** A software step that waits: {@code await guard} and then {@code action}, atomically. */
  public ThreadBuilder await(String label, Step.Guard guard, Step.Action action) {
    return add(new Step(label, StepKind.SOFTWARE, guard, action));
  }

  /** A hardware step (a walk that fills a TLB, a TLB flush): atomic as a whole. */
  public ThreadBuilder hardware(String label, Step.Action action) {
    return add(new Step(label, StepKind.HARDWARE, Step.ALWAYS, action));
  }

  /**
   * A hardware step that chooses one of {@code ways} alternatives (an access to any page):
   * alternative w is labelled {@code label.apply(w)} and runs {@code action} with w.
   */
  public ThreadBuilder hardwareChoice(int ways, IntFunction<String> label,
      Step.ChoiceAction action) {
    return choice(StepKind.HARDWARE, ways, label, action);
  }

  /** A software step that chooses one of {@code ways} alternatives (which entry to read). */
  public ThreadBuilder stepChoice(int ways, IntFunction<String> label, Step.ChoiceAction action) {
    return choice(StepKind.SOFTWARE, ways, label, action);
  }

  private ThreadBuilder choice(StepKind kind, int ways, IntFunction<String> label,
      Step.ChoiceAction action) {
    if (ways < 1) {
      throw new ModelError(model.where() + ": thread " + name + ", step " + (steps.size() + 1)
          + " is a choice of " + ways + " alternatives");
    }
    Step[] alternatives = new Step[ways];
    for (int w = 0; w < ways; w++) {
      int way = w;
      alternatives[w] = new Step(label.apply(w), kind, Step.ALWAYS, c -> action.run(c, way));
      checkLabel(alternatives[w]);
    }
    if (ways == 1) {
      return add(alternatives[0]);
    }
    StringBuilder name = new StringBuilder(alternatives[0].label());
    for (int w = 1; w < ways; w++) {
      name.append(" | ").append(alternatives[w].label());
    }
    return add(new Step(name.toString(), alternatives));
  }

  /**
   * The page allocator taking one free slot: atomic under the allocator's own lock, so it may
   * read every slot to find a free one, but it writes only the one it takes.
   */
  public ThreadBuilder allocate(String label, Step.Action action) {
    return add(new Step(label, StepKind.ALLOCATOR, Step.ALWAYS, action));
  }

  /**
   * A step that orders memory and changes nothing under sequential consistency
   * ({@code smp_wmb()}, {@code smp_mb()}): it keeps its place in traces and in interleavings.
   */
  public ThreadBuilder barrier(String label) {
    return add(new Step(label, StepKind.SOFTWARE, Step.ALWAYS, c -> { }, Role.BARRIER, null)
        .ordered(Order.ofBarrier(label)));
  }

  /**
   * A software step whose one access has ordering {@code order}: {@code WRITE_ONCE} ({@link
   * Order#ONCE}), {@code smp_store_release} ({@link Order#RELEASE}), {@code xchg} ({@link
   * Order#RMW_FULL}).
   */
  public ThreadBuilder step(String label, Order order, Step.Action action) {
    return add(new Step(label, StepKind.SOFTWARE, Step.ALWAYS, action).ordered(order));
  }

  /**
   * A software step that only drops a reference (put_page): a {@link Role#REFCOUNT} step, which
   * {@code tlbcheck necessity} removes to see what the reference protects. It is a fully
   * ordered read-modify-write ({@link Order#RMW_FULL}), as put_page's page_ref_dec_and_test()
   * is: an atomic that returns a value is fully ordered (Documentation/atomic_t.txt).
   */
  public ThreadBuilder refcount(String label, Step.Action action) {
    return add(new Step(label, StepKind.SOFTWARE, Step.ALWAYS, action, Role.REFCOUNT, null)
        .ordered(Order.RMW_FULL));
  }

  /**
   * The steps a primitive offers, in order: {@code then(mmuLock.lock())}, {@code
   * then(rcu.readLock(0))}. The vocabulary knows no primitive; each primitive makes its own steps.
   */
  public ThreadBuilder then(Step... offered) {
    for (Step s : offered) {
      add(s);
    }
    return this;
  }

  /** A new jump target; place it with {@link #place(Label)}. */
  public Label label() {
    Label l = new Label(name);
    labels.add(l);
    return l;
  }

  /** Binds {@code l} to the next step written (or to the end of the program). */
  public ThreadBuilder place(Label l) {
    l.place(steps.size());
    return this;
  }

  /** This thread takes its first step only after {@code other} has finished. */
  public ThreadBuilder startsAfter(ThreadBuilder other) {
    startsAfter.add(other);
    return this;
  }

  /** The stretch of this thread's program from {@code from} up to {@code to}, for metrics. */
  public Metric.Span span(Label from, Label to) {
    return new Metric.Span(index, from, to);
  }

  private ThreadBuilder add(Step s) {
    checkLabel(s);
    steps.add(s);
    return this;
  }

  private void checkLabel(Step s) {
    if (s.label() == null || s.label().isBlank()) {
      throw new ModelError(model.where() + ": thread " + name + ", step " + (steps.size() + 1)
          + " has no label; a label is the kernel line the step models");
    }
  }

  ThreadDef build() {
    String where = model.where() + ": thread " + name;
    if (steps.isEmpty()) {
      throw new ModelError(where + " has no steps");
    }
    for (Label l : labels) {
      if (!l.placed()) {
        throw new ModelError(where + " jumps to a label that is never placed");
      }
    }
    int[] after = new int[startsAfter.size()];
    int i = 0;
    for (ThreadBuilder t : startsAfter) {
      if (t == this) {
        throw new ModelError(where + " starts after itself");
      }
      after[i++] = t.index;
    }
    return new ThreadDef(name, index, steps, regs, after);
  }
}
