package tlbcheck.m1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.Golden;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.junit.ModelAssertions;
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
   * andrea-v4 without its smp_wmb() (Andrea's sketch before he added it), checked under sc and
   * x86 (PROTOCOLS.md predicted: safe in s1 under both, a violation under arm64 only). Under sc
   * the barrier orders nothing, so the race trace is andrea-v4's less its barrier step: the
   * notifier reads the flag between sync's clear and sync's flush_all. Under x86 the two stores,
   * the zap and dirty = true, leave invlpg's store buffer in program order (x86-TSO's buffer is
   * FIFO; x86tso.cat keeps W-to-W program order), which is all the smp_wmb() asked for, so the
   * verdicts are those of andrea-v4: s1 safe, race a violation.
   */
  @Test
  void andreaV4WithoutItsBarrierBehavesAsAndreaV4UnderScAndX86() {
    Golden.assertViolation("m1", "andrea-v4-no-wmb", "race", "P1", 12);
    for (MemoryModel memory : List.of(MemoryModel.SC, MemoryModel.X86)) {
      ModelAssertions.assertVerdict("safe", Catalogue.protocol("m1").build("andrea-v4-no-wmb",
          "s1", Params.DEFAULT.withN(3)), memory);
      ModelAssertions.assertVerdict("violates P1", Catalogue.protocol("m1").build(
          "andrea-v4-no-wmb", "race", Params.DEFAULT), memory);
    }
  }

  /**
   * tlbs_dirty without either of its barriers, under sc and x86: safe in both scenarios. Under
   * x86 the zap reaches memory before tlbs_dirty++ (the store buffer is FIFO), so the smp_wmb()
   * of a4ee1ca4a36e is a compiler barrier there; and sync's snapshot of tlbs_dirty is a load that
   * completes before its flush, an IPI that serializes the sending CPU, so the smp_mb() before
   * the flush adds nothing on x86 either. Both barriers matter only on a weaker CPU.
   */
  @Test
  void tlbsDirtyNeedsNeitherBarrierOnX86() {
    for (String variant : new String[] {"tlbs-dirty-no-wmb", "tlbs-dirty-no-mb"}) {
      for (MemoryModel memory : List.of(MemoryModel.SC, MemoryModel.X86)) {
        for (String scenario : new String[] {"race", "s1"}) {
          ModelAssertions.assertVerdict("safe", Catalogue.protocol("m1").build(variant,
              scenario, Params.DEFAULT.withN(3)), memory);
        }
      }
    }
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
