package tlbcheck.model;

/**
 * A jump target inside one thread's program, created by {@link ThreadBuilder#label()} and
 * placed with {@link ThreadBuilder#place(Label)}. Once built, {@link #pc()} is the index of the
 * step it names (the program's length for a label placed at its end).
 */
public final class Label {
  private final String thread;
  private int pc = -1;

  Label(String thread) {
    this.thread = thread;
  }

  void place(int pc) {
    if (this.pc >= 0) {
      throw new ModelError("thread " + thread + ": a label is placed twice");
    }
    this.pc = pc;
  }

  boolean placed() {
    return pc >= 0;
  }

  public int pc() {
    return pc;
  }
}
