package tlbcheck.catalogue.m1;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;

/**
 * M1, remote_tlbs_dirty: the deferred remote flush on INVLPG of the x86 shadow MMU
 * (PROTOCOLS.md M1; source S1, "KVM: Defer remote tlb flushes on invlpg (v4)", kvm list, April
 * 2009, Avi Kivity, Andrea Arcangeli, Marcelo Tosatti).
 *
 * <p>Before S1, FNAME(invlpg) zapped the shadow pte and called kvm_flush_remote_tlbs() while
 * still holding mmu_lock ({@code eager}). S1 replaces that IPI by a flag, remote_tlbs_dirty,
 * which the next kvm_flush_remote_tlbs() clears and which mmu_notifier_invalidate_page consults
 * before the host frees the page. Where the flag is cleared relative to the flush, and what the
 * notifier reads, decides whether a flush can be lost: a vCPU's TLB keeping a translation to a
 * frame the host has freed (P1).
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>{@code tlbs-dirty-cmpxchg} follows Xiao Guangrong's "KVM: MMU: delay flush all tlbs on
 *       sync_page path" (2011): {@code dirty_count = kvm->tlbs_dirty; smp_mb(); flush;
 *       cmpxchg(&kvm->tlbs_dirty, dirty_count, 0)}. That commit reads tlbs_dirty in the notifier
 *       under mmu_lock; the catalogue puts the read after the unlock for every variant but
 *       {@code under-mmu-lock}, and so does this model: it only adds interleavings.</li>
 *   <li>Parameter I (default 1): invlpg handles I guest INVLPGs in turn, of page 0 (the page the
 *       host reclaims, spte) and of pages 1..I-1 (spte1, ...), each under mmu_lock with its
 *       own flush(0). The guests touch page 0 only and the host frees only its frame: a TLB
 *       entry of another page reaches no property, so leaving those entries out hides no
 *       violation. What the other pages add is invalidations: eager makes I remote flushes on
 *       invlpg's behalf, the deferred variants leave one pending mark for the notifier.</li>
 *   <li>tlbs_dirty has the domain 0..I: the one invlpg thread increments it once per page.</li>
 *   <li>vCPU 0 runs invlpg and no guest thread, so tlb[0] stays empty; its flush steps are kept
 *       because they are steps of flush_all that other threads can interleave with.</li>
 *   <li>The metric counts invlpg's own flush_all ({@code eager}) and each notifier flush made
 *       only because the flag was set: the notifier found no present spte of its own to zap.
 *       sync's kvm_flush_remote_tlbs() comes from another path and is not counted.</li>
 * </ul>
 */
public final class RemoteTlbsDirty extends Protocol {
  static final int NONPRESENT = 0;
  static final int PRESENT = 1;
  static final int F = 1;
  static final int IN_USE = 0;
  static final int FREED = 1;


  /**
   * Scenarios {@code race}: every thread runs from the start; {@code s1}: the notifier starts
   * after sync.
   */
  public RemoteTlbsDirty() {
    super("m1", "remote_tlbs_dirty: deferred remote flush on INVLPG (x86 shadow MMU; S1)",
        List.of("race", "s1"), M1Variant.ALL.stream().map(M1Variant::variant).toList());
  }

  /**
   * sc, x86 and arm64: kvm_flush_remote_tlbs and the notifier are generic kvm_main.c code, and
   * S1 argues about "lowlevel archs" (PROTOCOLS.md "Memory models and ordering variants").
   */
  @Override
  public List<String> memoryModels() {
    return List.of("sc", "x86", "arm64");
  }


  /**
   * N = 2, 3 and 4 at I = 1, and N = 2 and 3 at I = 2, where the metric tells eager (two
   * remote flushes on invlpg's behalf) from the deferred variants (one).
   */
  @Override
  public List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4),
        Params.DEFAULT.withI(2), Params.DEFAULT.withN(3).withI(2));
  }

  /**
   * The lost flush: the guest's access and invlpg's zap on one actor, sync's clear of the flag
   * and its flushes on the other, so that the clear can land between invlpg's set and the
   * notifier's test of the flag.
   */
  @Override
  public List<Race> races(Params params) {
    return List.of(new Race("flag", "sync's flag clear and flushes against invlpg's zap and "
        + "the notifier's free", "race", List.of("P1"), List.of(),
        List.of("guest(1)", "invlpg", "notifier"), List.of("sync"),
        Race.numbered("guest", 2, params.n())));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    M1Variant code = codeOf(M1Variant.ALL, M1Variant::variant, variant);
    return new DirtyFlagModel(code, scenario, params).build();
  }
}
