package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * A broken model is rejected with a message that names the model, the thread and the step at
 * fault and the rule it breaks (STYLE.md 6, 7): before it runs where the declaration shows the
 * fault, and at the step that breaks a step rule otherwise.
 */
class ValidationTest {
  private static Model.Builder builder() {
    return Model.builder("m9", "broken", "race");
  }

  @Test
  void duplicateThreadName() {
    Model.Builder m = builder();
    m.thread("sync");
    ModelError e = assertThrows(ModelError.class, () -> m.thread("sync"));
    assertEquals("model m9/broken/race: two threads are named 'sync'; a trace prints one column "
        + "per thread name, so names must be unique", e.getMessage());
  }

  @Test
  void duplicateVariableName() {
    Model.Builder m = builder();
    m.var("spte", Domain.bool(), 0);
    ModelError e = assertThrows(ModelError.class, () -> m.var("spte", Domain.bool(), 0));
    assertEquals("model m9/broken/race: two shared variables are named 'spte'; traces name "
        + "variables, so names must be unique", e.getMessage());
  }

  @Test
  void duplicatePropertyId() {
    Model.Builder m = builder();
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
    Model.Builder m = builder();
    m.thread("t").step("nop", c -> { });
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race declares no property: a model without a property can "
        + "only be proved, never refuted (STYLE.md 7)", e.getMessage());
  }

  @Test
  void threadWithoutSteps() {
    Model.Builder m = builder();
    m.thread("idle");
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race: thread idle has no steps", e.getMessage());
  }

  @Test
  void jumpToALabelNeverPlaced() {
    Model.Builder m = builder();
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
    Model.Builder m = builder();
    ThreadBuilder a = m.thread("a");
    ThreadBuilder b = m.thread("b");
    a.step("x", c -> { }).startsAfter(b);
    b.step("y", c -> { }).startsAfter(a);
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/broken/race: thread a waits, through startsAfter, for itself to "
        + "finish: no thread could ever start", e.getMessage());
  }

  /** The step rule of PROTOCOLS.md "Conventions": a software step touches one shared variable. */
  @Test
  void softwareStepTouchingTwoSharedVariables() {
    Model.Builder m = builder();
    Var dirty = m.var("remote_tlbs_dirty", Domain.bool(), 0);
    Var spte = m.var("spte", Domain.bool(), 1);
    m.thread("invlpg").step("remote_tlbs_dirty = true", c -> {
      c.store(dirty, 1);
      c.store(spte, 0);
    });
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'remote_tlbs_dirty = true' of thread invlpg "
        + "touches two shared variables, remote_tlbs_dirty and spte; a software step may touch "
        + "one (a load, a store or one read-modify-write), or be one lock operation "
        + "(PROTOCOLS.md Conventions). Split it, or declare it a hardware step if the hardware "
        + "makes it atomic", e.getMessage());
  }

  @Test
  void hardwareStepMayTouchSeveral() {
    Model.Builder m = builder();
    Var spte = m.var("spte", Domain.bool(), 1);
    Var tlb = m.var("tlb", Domain.bool(), 0);
    m.thread("guest").hardware("walk", c -> c.store(tlb, c.load(spte)));
    m.invariant("P", "p", r -> null);
    assertEquals("safe", Explorer.check(m.build()).verdict().label());
  }

  @Test
  void storeOutsideTheDomain() {
    Model.Builder m = builder();
    Var dirty = m.var("tlbs_dirty", Domain.range(1), 1);
    m.thread("invlpg").step("tlbs_dirty++", c -> c.store(dirty, c.load(dirty) + 1));
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'tlbs_dirty++' of thread invlpg stores 2 into "
        + "tlbs_dirty, outside its domain of 2 values (0..1)", e.getMessage());
  }

  @Test
  void guardThatWrites() {
    Model.Builder m = builder();
    Var x = m.var("x", Domain.bool(), 0);
    m.thread("t").await("await x", c -> {
      c.store(x, 1);
      return true;
    }, c -> { });
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'await x' of thread t writes x while only reading "
        + "(a guard or a property may not write)", e.getMessage());
  }

  @Test
  void registerOfAnotherThread() {
    Model.Builder m = builder();
    ThreadBuilder notifier = m.thread("notifier");
    Reg zapped = notifier.reg("zapped", Domain.bool(), 0);
    notifier.step("nop", c -> { });
    m.thread("sync").step("read zapped", c -> c.get(zapped));
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'read zapped' of thread sync uses register zapped "
        + "of thread notifier; registers are thread-local", e.getMessage());
  }

  @Test
  void unlockOfAFreeLock() {
    Model.Builder m = builder();
    var lock = m.spinlock("mmu_lock");
    m.thread("t").unlock(lock);
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'spin_unlock(mmu_lock)' of thread t breaks a rule: "
        + "it unlocks mmu_lock, which is not locked", e.getMessage());
  }
}
