package tlbcheck.model;

/**
 * A thread-local register ({@code zapped}, {@code snap}): free to read and write in any step,
 * part of the explored state, invisible to other threads. Created by {@link ThreadBuilder#reg};
 * {@link #id()} is its index among all registers of the model. Immutable.
 */
public final class Reg {
  private final String name;
  private final int id;
  private final int thread;
  private final Domain domain;
  private final int initial;

  Reg(String name, int id, int thread, Domain domain, int initial) {
    this.name = name;
    this.id = id;
    this.thread = thread;
    this.domain = domain;
    this.initial = initial;
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  /** Index of the thread that owns it. */
  public int thread() {
    return thread;
  }

  public Domain domain() {
    return domain;
  }

  public int initial() {
    return initial;
  }

  @Override
  public String toString() {
    return name;
  }
}
