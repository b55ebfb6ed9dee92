package tlbcheck.result;

/**
 * One mutant of a necessity run: which steps were removed and what the mutant does.
 *
 * @param thread the thread the steps were removed from
 * @param step the first removed step's position in the thread's program, from 1
 * @param role what the removed steps do ({@code flush}, {@code lock}, ...)
 * @param removed the removed steps' labels
 * @param finding what removing them shows
 * @param detail why: what breaks, or the evidence for an unnecessary step
 * @param verdict the mutant's verdict; its trace shows a break; null after a model error
 */
public record NecessityRow(String thread, int step, String role, String removed,
    Finding finding, String detail, Verdict verdict) {

  /** What removing a step shows. */
  public enum Finding {
    /** A property breaks (or the mutant deadlocks): the step is needed. */
    NEEDED,
    /**
     * The mutant breaks a step rule the kernel WARNs about (a refcount below zero): needed,
     * since the protocol relies on it.
     */
    NEEDED_MODEL_ERROR,
    /** The step never changes anything in the model: what it acts on never arises there. */
    UNNECESSARY_NEVER_ACTS,
    /** Nothing breaks and the mutant ends in exactly the protocol's end states. */
    UNNECESSARY_LIKELY_PROTOCOL,
    /** Nothing breaks, but the mutant ends in states the protocol never does. */
    UNNECESSARY_LIKELY_MISSING_PROPERTY,
    /** A barrier: under the explorer's sequentially consistent memory it changes nothing. */
    UNNECESSARY_UNDER_SC,
    /**
     * A barrier, on a memory model weaker than sc (x86): without it nothing breaks, because
     * the model keeps the order it stands for or no execution here needs that order.
     */
    UNNECESSARY_ON_THIS_MEMORY,
    /** A limit stopped the mutant's exploration. */
    INCOMPLETE;

    public boolean needed() {
      return this == NEEDED || this == NEEDED_MODEL_ERROR;
    }
  }

  /** The result column: {@code breaks P1 (9 steps)}, {@code unnecessary: likelier the model}. */
  public String result() {
    return switch (finding) {
      case NEEDED -> (verdict instanceof Verdict.Deadlock ? "deadlocks" : "breaks "
          + ((Verdict.Violated) verdict).property()) + " (" + steps() + " steps)";
      case NEEDED_MODEL_ERROR -> "breaks a step rule";
      case UNNECESSARY_NEVER_ACTS -> "unnecessary: likelier the model (never acts)";
      case UNNECESSARY_LIKELY_PROTOCOL -> "unnecessary: likelier the protocol";
      case UNNECESSARY_LIKELY_MISSING_PROPERTY -> "unnecessary: likelier a missing property";
      case UNNECESSARY_UNDER_SC -> "unnecessary: likelier the model (SC)";
      case UNNECESSARY_ON_THIS_MEMORY -> "unnecessary on this memory model";
      case INCOMPLETE -> "INCOMPLETE";
    };
  }

  private int steps() {
    return verdict instanceof Verdict.Violated v ? v.trace().steps().size()
        : ((Verdict.Deadlock) verdict).trace().steps().size();
  }
}
