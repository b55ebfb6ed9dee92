package tlbcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A model whose declaration is broken is refused before it exists, with a message that names
 * the model, the thread at fault and the rule it breaks (STYLE.md 6, 7): the vocabulary's own
 * validation, with no engine involved.
 */
class ModelValidationTest {
  private static ModelBuilder builder() {
    return Model.builder("m9", "broken", "race");
  }

  @Test
  void duplicateThreadName() {
    ModelBuilder m = builder();
    m.thread("sync");
    ModelError e = assertThrows(ModelError.class, () -> m.thread("sync"));
    assertEquals("model m9/broken/race: two threads are named 'sync'; a trace prints one column "
        + "per thread name, so names must be unique", e.getMessage());
  }

  @Test
  void duplicateVariableName() {
    ModelBuilder m = builder();
    m.var("spte", Domain.bool(), 0);
    ModelError e = assertThrows(ModelError.class, () -> m.var("spte", Domain.bool(), 0));
    assertEquals("model m9/broken/race: two shared variables are named 'spte'; traces name "
        + "variables, so names must be unique", e.getMessage());
  }

  @Test
  void duplicatePropertyId() {
    ModelBuilder m = builder();
    m.invariant("P1", "one", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> m.invariant("P1", "two", r -> null));
    assertEquals("model m9/broken/race: two properties have the id 'P1'", e.getMessage());
  }

  @Test
  void initialValueOutsideItsDomain() {
    ModelError e = assertThrows(ModelError.class,
        () -> builder().var("frame", Domain.of("IN_USE", "FREED"), 2));
    assertEquals("model m9/broken/race: shared variable frame starts at 2, outside its domain "
        + "[IN_USE, FREED]", e.getMessage());
  }

  @Test
  void modelWithoutAProperty() {
    ModelBuilder m = builder();
    m.thread("t").step("nop", c -> { });
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race declares no property: a model without a property can "
        + "only be proved, never refuted (STYLE.md 7)", e.getMessage());
  }

  @Test
  void threadWithoutSteps() {
    ModelBuilder m = builder();
    m.thread("idle");
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race: thread idle has no steps", e.getMessage());
  }

  @Test
  void jumpToALabelNeverPlaced() {
    ModelBuilder m = builder();
    ThreadBuilder t = m.thread("invlpg");
    Label out = t.label();
    t.step("if (x)", c -> c.jump(out));
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race: thread invlpg jumps to a label that is never placed",
        e.getMessage());
  }

  @Test
  void threadsWaitingForEachOtherToStart() {
    ModelBuilder m = builder();
    ThreadBuilder a = m.thread("a");
    ThreadBuilder b = m.thread("b");
    a.step("x", c -> { }).startsAfter(b);
    b.step("y", c -> { }).startsAfter(a);
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race: thread a waits, through startsAfter, for itself to "
        + "finish: no thread could ever start", e.getMessage());
  }

  /**
   * A barrier step is known by its kernel name, which says which barrier it is for a weak memory
   * model; a name that is no kernel barrier is refused rather than read as none.
   */
  @Test
  void aBarrierIsKnownByItsKernelName() {
    ThreadBuilder t = Model.builder("test", "barriers", "race").thread("cpu");
    t.barrier("smp_mb()").barrier("smp_wmb()").barrier("smp_rmb()").barrier("barrier()");
    ModelError e = assertThrows(ModelError.class, () -> t.barrier("dmb(ishld)"));
    assertTrue(e.getMessage().contains("'dmb(ishld)' names no kernel barrier"), e.getMessage());
    assertEquals(Order.MB, Order.ofBarrier("smp_mb__after_atomic()"));
    assertEquals(Order.WMB, Order.ofBarrier("smp_wmb()"));
  }
}
