package tlbcheck.kernel;

import tlbcheck.model.Ctx;
import tlbcheck.model.ModelError;
import tlbcheck.model.Var;

/**
 * refcount_t operations (include/linux/refcount.h) as step actions on one shared variable: each
 * is one read-modify-write, written as a cmpxchg loop so that it is atomic on real memory too (on
 * the explorer's memory a step is atomic, and the loop runs once). Overflow is a store outside
 * the variable's domain and underflow a {@link ModelError}: both are bugs the kernel WARNs about.
 */
public final class Refcount {
  private Refcount() {}

  /** refcount_inc_not_zero: takes a reference unless the count is 0; returns whether it did. */
  public static boolean incNotZero(Ctx c, Var ref) {
    while (true) {
      int v = c.load(ref);
      if (v == 0) {
        return false;
      }
      if (c.cas(ref, v, v + 1)) {
        return true;
      }
    }
  }

  /** refcount_inc, or a plain {@code ref++} where the model means the unchecked increment. */
  public static void inc(Ctx c, Var ref) {
    while (true) {
      int v = c.load(ref);
      if (c.cas(ref, v, v + 1)) {
        return;
      }
    }
  }

  /** refcount_dec_and_test: drops a reference; returns whether it was the last one. */
  public static boolean decAndTest(Ctx c, Var ref) {
    while (true) {
      int v = c.load(ref);
      if (v == 0) {
        throw ModelError.inStep("refcount " + ref.name() + " drops below 0: a put without a "
            + "matching get");
      }
      if (c.cas(ref, v, v - 1)) {
        return v == 1;
      }
    }
  }
}
