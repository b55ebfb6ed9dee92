package tlbcheck.model;

/**
 * A shared variable of a model: a name as traces print it ({@code spte}, {@code tlb[1]}), a
 * finite {@link Domain}, an initial value, and the {@link Access} ordering real-memory engines
 * use, and its {@link Kind}. Created only by {@link ModelBuilder}; {@link #id()} is its index in
 * {@link Model#vars()}. Immutable.
 */
public final class Var {
  /**
   * What a variable is to the hardware. Under sc and x86 every kind is memory; under arm64 a
   * walk reads a {@link #TABLE} entry as the MMU does ({@link Ctx#walk}), and a {@link #TLB}
   * entry is the CPU's own state, which no barrier orders and only a TLBI drops.
   */
  public enum Kind {
    /** Memory the program reads and writes. */
    MEMORY,
    /** A translation-table entry, which page-table walks read (spte, a stage-2 entry). */
    TABLE,
    /** A TLB or walk-cache entry of one CPU: not memory. */
    TLB
  }

  private final String name;
  private final int id;
  private final Domain domain;
  private final int initial;
  private final Access access;
  private final Kind kind;

  Var(String name, int id, Domain domain, int initial, Access access, Kind kind) {
    this.name = name;
    this.id = id;
    this.domain = domain;
    this.initial = initial;
    this.access = access;
    this.kind = kind;
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

  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return name;
  }
}
