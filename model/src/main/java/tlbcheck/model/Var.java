package tlbcheck.model;

/**
 * A shared variable of a model: a name as traces print it ({@code spte}, {@code tlb[1]}), a
 * finite {@link Domain}, an initial value, and the {@link Access} ordering real-memory engines
 * use. Created only by {@link ModelBuilder}; {@link #id()} is its index in {@link Model#vars()}.
 * Immutable.
 */
public final class Var {
  private final String name;
  private final int id;
  private final Domain domain;
  private final int initial;
  private final Access access;

  Var(String name, int id, Domain domain, int initial, Access access) {
    this.name = name;
    this.id = id;
    this.domain = domain;
    this.initial = initial;
    this.access = access;
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public Domain domain() {
    return domain;
  }

  public int initial() {
    return initial;
  }

  public Access access() {
    return access;
  }

  @Override
  public String toString() {
    return name;
  }
}
