package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * The shared variables one running step has touched and written, at most two of each
 * remembered, so that {@link PackedContext} can hold the step to the rules of PROTOCOLS.md
 * "Conventions" once it has run. Allocates nothing.
 */
final class StepFootprint {
  private int touched;
  private int secondTouched;
  private int written;
  private int secondWritten;
  /**
   * Whether the step has read a shared variable (a load, a read-modify-write, a walk) or written
   * one anywhere but into its CPU's waiting stores.
   */
  private boolean shared;

  void clear() {
    shared = false;
    touched = -1;
    secondTouched = -1;
    written = -1;
    secondWritten = -1;
  }

  void touch(int id) {
    if (touched < 0) {
      touched = id;
    } else if (touched != id && secondTouched < 0) {
      secondTouched = id;
    }
  }

  void shared() {
    shared = true;
  }

  /**
   * Whether the step has read a shared variable or written one outside its CPU's waiting
   * stores: what it does may hang on, or change, what other threads do.
   */
  boolean isShared() {
    return shared;
  }

  /** Whether the step has touched no shared variable but x, and written none. */
  boolean onlyRead(int x) {
    return touched == x && secondTouched < 0 && written < 0;
  }

  void wrote(int id) {
    if (written < 0) {
      written = id;
    } else if (written != id && secondWritten < 0) {
      secondWritten = id;
    }
  }

  /**
   * What step {@code ran} broke: a software or lock step touching two shared variables, an
   * allocation writing two; or null.
   */
  String broken(Step ran, Model model) {
    if (secondTouched >= 0
        && (ran.kind() == StepKind.SOFTWARE || ran.kind() == StepKind.LOCK)) {
      return "touches two shared variables, " + model.vars().get(touched) + " and "
          + model.vars().get(secondTouched) + "; a software step may touch one (a load, a "
          + "store or one read-modify-write), or be one lock operation (PROTOCOLS.md "
          + "Conventions). Split it, or declare it a hardware step if the hardware makes it "
          + "atomic";
    }
    if (secondWritten >= 0 && ran.kind() == StepKind.ALLOCATOR) {
      return "writes two shared variables, " + model.vars().get(written) + " and "
          + model.vars().get(secondWritten) + "; an allocation may read every slot but takes, "
          + "and writes, one";
    }
    return null;
  }
}
