package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * A model that breaks a step rule is rejected at the step that breaks it, with a message that
 * names the model, the thread and the step at fault and the rule (STYLE.md 6). Faults the
 * declaration shows are refused before a model exists (model/'s ModelValidationTest).
 */
class StepRulesTest {
  private static ModelBuilder builder() {
    return Model.builder("m9", "broken", "race");
  }

  /** The step rule of PROTOCOLS.md "Conventions": a software step touches one shared variable. */
  @Test
  void softwareStepTouchingTwoSharedVariables() {
    ModelBuilder m = builder();
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
    ModelBuilder m = builder();
    Var spte = m.var("spte", Domain.bool(), 1);
    Var tlb = m.var("tlb", Domain.bool(), 0);
    m.thread("guest").hardware("walk", c -> c.store(tlb, c.load(spte)));
    m.invariant("P", "p", r -> null);
    assertEquals("safe", Explorer.check(m.build()).verdict().label());
  }

  @Test
  void storeOutsideTheDomain() {
    ModelBuilder m = builder();
    Var dirty = m.var("tlbs_dirty", Domain.range(1), 1);
    m.thread("invlpg").step("tlbs_dirty++", c -> c.store(dirty, c.load(dirty) + 1));
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'tlbs_dirty++' of thread invlpg stores 2 into "
        + "tlbs_dirty, outside its domain of 2 values (0..1)", e.getMessage());
  }

  @Test
  void guardThatWrites() {
    ModelBuilder m = builder();
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
    ModelBuilder m = builder();
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
    ModelBuilder m = builder();
    var lock = Spinlock.declare(m, "mmu_lock");
    m.thread("t").then(lock.unlock());
    m.invariant("P", "p", r -> null);
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(m.build()));
    assertEquals("model m9/broken/race: step 'spin_unlock(mmu_lock)' of thread t breaks a rule: "
        + "it unlocks mmu_lock, which is not locked", e.getMessage());
  }
}
