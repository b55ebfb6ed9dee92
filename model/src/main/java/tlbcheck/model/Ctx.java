package tlbcheck.model;

/**
 * The memory interface every step is written against: the one thing that lets the same step
 * code run on the explorer's packed state and on real shared memory (DESIGN.md "The modelling
 * vocabulary").
 *
 * <p>An implementation executes one step of one thread at a time. Shared variables go through
 * {@link #load}, {@link #store} and {@link #cas}; an implementation on real memory applies each
 * variable's {@link Access} ordering. Registers go through {@link #get} and {@link #set}.
 * Control flow leaves the step through {@link #jump}; without it the thread goes on with the
 * next step of its program.
 */
public interface Ctx extends Reader {
  /** Stores {@code value}; a value outside the variable's domain is a {@link ModelError}. */
  void store(Var v, int value);

  /**
   * One read-modify-write (cmpxchg): if {@code v == expect}, store {@code update}.
   *
   * @return whether it stored
   */
  boolean cas(Var v, int expect, int update);

  void set(Reg r, int value);

  /**
   * A page-table walk's read of the translation-table entry {@code entry}, to fill the TLB
   * entry {@code tlb} of the walking CPU: under sc and x86 a load; under arm64 the MMU's read,
   * which may return a value the CPU has not yet seen overwritten, back to the last TLBI that
   * dropped {@code tlb} (an invalid value only back to the CPU's last ISB, since an invalid
   * entry is never cached). A hardware step's.
   */
  default int walk(Var entry, Var tlb) {
    checkWalk(entry, tlb);
    return load(entry);
  }

  /** Refuses a walk of a variable that is not a translation-table entry, or to fill no TLB. */
  static void checkWalk(Var entry, Var tlb) {
    if (entry.kind() != Var.Kind.TABLE || tlb.kind() != Var.Kind.TLB) {
      throw new ModelError("a walk reads a translation-table entry to fill a TLB entry: "
          + entry.name() + " is " + entry.kind() + ", " + tlb.name() + " is " + tlb.kind()
          + " (declare the one with ModelBuilder.table, the other with Tlb's entries)");
    }
  }

  /** Continue at {@code target} instead of the next step. */
  void jump(Label target);

  /**
   * Reports that a step assertion fails on this step. {@code explanation} says what went wrong
   * in this state ("walker(1) reads pt 0 after it was freed").
   */
  void fail(StepAssertion property, String explanation);

  /** This step counts once toward {@code metric}. */
  void count(Metric metric);

  /** Index of the thread running the step. */
  int thread();
}
