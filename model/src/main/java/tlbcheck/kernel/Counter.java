package tlbcheck.kernel;

import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Var;

/**
 * A fixed-width unsigned counter as C has them: an increment past the largest value wraps to 0,
 * and an assignment keeps the low bits of what it is given, as a store to a narrower field does.
 * What a model of a truncation bug needs (a tlbs_dirty kept in too few bits, a generation number
 * that wraps), where a plain {@link Domain#range} variable refuses any value outside it.
 */
public final class Counter {
  private final Var var;
  private final int mask;

  private Counter(Var var, int mask) {
    this.var = var;
    this.mask = mask;
  }

  /** A counter of {@code bits} bits (1 to 8), starting at {@code initial}. */
  public static Counter declare(ModelBuilder m, String name, int bits, int initial) {
    if (bits < 1 || bits > 8) {
      throw new ModelError(m.where() + ": counter " + name + " has " + bits + " bits; a "
          + "counter has 1 to 8 (the explorer keeps small domains)");
    }
    int mask = (1 << bits) - 1;
    return new Counter(m.var(name, Domain.range(mask), initial & mask), mask);
  }

  public Var var() {
    return var;
  }

  /** {@code name++}: one read-modify-write of the variable, wrapping past the largest value. */
  public void inc(Ctx c) {
    c.store(var, (c.load(var) + 1) & mask);
  }

  /** {@code name = value}: keeps the low bits of {@code value}, as C's truncation does. */
  public void set(Ctx c, int value) {
    c.store(var, value & mask);
  }

  public int get(Ctx c) {
    return c.load(var);
  }
}
