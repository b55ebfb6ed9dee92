package tlbcheck.m1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tlbcheck.Golden;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Params;

/**
 * Each M1 violation's shortest trace (N = 2, A = 2), pinned in a golden file, and why it breaks
 * P1. The explorer is breadth-first with ties broken by thread index, so each trace is the
 * canonical shortest one; a change to the model or the explorer that changes it shows up here.
 */
class M1TracesTest {
  /**
   * The lost flush of S1 (Andrea Arcangeli's reply to Avi's v3, kvm list, April 2009). invlpg
   * sets remote_tlbs_dirty before it zaps the spte; sync (some other path calling
   * kvm_flush_remote_tlbs) clears the flag and flushes every vCPU in between. vCPU 1 then walks
   * the still-present spte and caches f. invlpg zaps the spte, but the flag that was to make
   * someone flush that zap has already been consumed by a flush that ran before it. The notifier,
   * which starts only after sync has finished in scenario s1, finds the spte gone (zapped = false)
   * and the flag clear, skips the flush, and the host frees f while vCPU 1's TLB still maps it.
   */
  @Test
  void aviV3LosesTheFlushInScenarioS1() {
    Golden.assertViolation("m1", "avi-v3", "s1", "P1", 15);
  }

  /**
   * Without the s1 ordering the race is shorter: sync clears remote_tlbs_dirty (after invlpg set
   * it) but has not flushed yet when vCPU 1 caches f, invlpg zaps, and the notifier runs. The
   * notifier sees no zap of its own and a clear flag, and frees f; the flush that sync still owes
   * comes too late, since P1 must hold in every state.
   */
  @Test
  void aviV3FreesBeforeSyncFlushesInScenarioRace() {
    Golden.assertViolation("m1", "avi-v3", "race", "P1", 12);
  }

  /**
   * Found by tlbcheck (the catalogue leaves andrea-v4 open). Andrea's order, zap, smp_wmb(),
   * dirty = true, closes the S1 window: once sync has finished (scenario s1), its clear of the
   * flag came either before invlpg's set (the flag stays set and the notifier flushes) or after
   * it, and then the zap was visible before sync's flush_all, which removes vCPU 1's entry for
   * good. In scenario race it is still a violation: invlpg zaps and sets the flag, sync clears it
   * but has not flushed yet, and the notifier reads the flag clear and frees f, while vCPU 1 still
   * holds the entry it cached before the zap. Clearing the flag before flushing tells everybody
   * that a flush is done when it has only started: the flag says "no flush needed" too early.
   */
  @Test
  void andreaV4ViolatesOnlyWhenTheNotifierOvertakesSync() {
    Golden.assertViolation("m1", "andrea-v4", "race", "P1", 13);
    assertEquals("safe", Explorer.check(Catalogue.protocol("m1").build("andrea-v4", "s1",
        Params.DEFAULT)).verdict().label());
  }

  /**
   * Flushing first and clearing after lets the clear erase a set that came after the flush:
   * sync flushes every vCPU, vCPU 1 caches f again from the still-present spte, invlpg zaps and
   * sets remote_tlbs_dirty, then sync clears it although its flush ran before that zap. The
   * notifier finds the flag clear and frees f. The trace is the same in both scenarios: sync has
   * finished before the notifier starts.
   */
  @Test
  void flushThenClearErasesALaterSet() {
    Golden.assertViolation("m1", "flush-then-clear", "race", "P1", 14);
    Golden.assertViolation("m1", "flush-then-clear", "s1", "P1", 14);
  }
}
