package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.Refcount;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.result.Verdict;

/**
 * Refcounts on their own: the race between the last put and a get (the pattern of M2's
 * read-lock-plain-inc), with each reachable outcome shown reached and nothing else reachable.
 */
class RefcountTest {
  private static final int LIVE = 0;
  private static final int FREED = 1;

  /**
   * ref = 1. Thread put: {@code if (refcount_dec_and_test(ref)) free}. Thread get: takes a
   * reference with inc_not_zero (or a plain ref++), then, if it got one, uses the object.
   * {@code outcome} names the final property: "only" (the outcome is one of the two below),
   * "not-got" (the get does not succeed), "not-freed" (the object is not freed).
   */
  private static Model lastPutAndGet(boolean incNotZero, String outcome) {
    ModelBuilder m = Model.builder("test", incNotZero ? "inc-not-zero" : "plain-inc", outcome);
    Var ref = m.var("ref", Domain.range(2), 1);
    Var state = m.var("state", Domain.of("LIVE", "FREED"), LIVE);
    Var got = m.var("got", Domain.bool(), 0);
    ThreadBuilder put = m.thread("put");
    Reg last = put.reg("last", Domain.bool(), 0);
    put.step("last = refcount_dec_and_test(ref)",
            c -> c.set(last, Refcount.decAndTest(c, ref) ? 1 : 0))
        .step("if (last) free", c -> {
          if (c.get(last) == 1) {
            c.store(state, FREED);
          }
        });
    ThreadBuilder get = m.thread("get");
    Reg ok = get.reg("ok", Domain.bool(), 0);
    get.step(incNotZero ? "ok = refcount_inc_not_zero(ref)" : "ref++", c -> {
      if (incNotZero) {
        c.set(ok, Refcount.incNotZero(c, ref) ? 1 : 0);
      } else {
        Refcount.inc(c, ref);
        c.set(ok, 1);
      }
    }).step("if (ok) use", c -> {
      if (c.get(ok) == 1) {
        c.store(got, 1);
      }
    });
    m.invariant("UAF", "no use of a freed object", r ->
        r.load(got) == 1 && r.load(state) == FREED ? "get uses the object after put freed it"
            : null);
    switch (outcome) {
      case "only" -> m.finalProperty("ONLY", "the get wins, or the put frees", r ->
          (r.load(ref) == 1 && r.load(state) == LIVE && r.load(got) == 1)
              || (r.load(ref) == 0 && r.load(state) == FREED && r.load(got) == 0)
              ? null : "another outcome");
      case "not-got" -> m.finalProperty("NOT-GOT", "the get fails", r ->
          r.load(got) == 1 ? "the get took a reference" : null);
      default -> m.finalProperty("NOT-FREED", "nothing is freed", r ->
          r.load(state) == FREED ? "the put freed it" : null);
    }
    return m.build();
  }

  @Test
  void incNotZeroHasExactlyTwoOutcomes() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(lastPutAndGet(true, "only")).verdict());
    assertEquals("violates NOT-GOT",
        Explorer.check(lastPutAndGet(true, "not-got")).verdict().label());
    assertEquals("violates NOT-FREED",
        Explorer.check(lastPutAndGet(true, "not-freed")).verdict().label());
  }

  /** A plain increment after the last put resurrects a freed object, which is then used. */
  @Test
  void aPlainIncrementUsesAFreedObject() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        Explorer.check(lastPutAndGet(false, "only")).verdict());
    assertEquals("UAF", v.property());
    assertEquals(4, v.trace().steps().size());
  }

  @Test
  void aPutWithoutAGetIsAModelError() {
    ModelBuilder m = Model.builder("test", "underflow", "race");
    Var ref = m.var("ref", Domain.range(1), 0);
    m.thread("put").step("refcount_dec_and_test(ref)", c -> Refcount.decAndTest(c, ref));
    m.invariant("TRUE", "always", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model test/underflow/race: step 'refcount_dec_and_test(ref)' of thread put "
        + "breaks a rule: refcount ref drops below 0: a put without a matching get",
        e.getMessage());
  }
}
