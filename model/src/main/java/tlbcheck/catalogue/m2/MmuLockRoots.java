package tlbcheck.catalogue.m2;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;

/**
 * M2, TDP MMU roots loaded and put with mmu_lock held for read (PROTOCOLS.md M2; source S5,
 * "[PATCH 0/8] KVM: x86/mmu: Allow TDP MMU (un)load to run in parallel", Jan 2024, Sean
 * Christopherson).
 *
 * <p>Before S5, kvm_mmu_load() took mmu_lock for write to find or allocate a vCPU's root, so
 * vCPUs loading roots at once (after a memslot deletion invalidated every root) ran one by one.
 * S5 takes mmu_lock for read: a vCPU takes a reference on a valid root with
 * refcount_inc_not_zero, and only if it finds none does it take tdp_mmu_pages_lock and look
 * again before allocating, so that two vCPUs never both allocate a root. That works because a
 * valid root keeps a reference of its own until it is invalidated (patch 5: "the last reference
 * to a root can only be put *after* the root has been invalidated"). P2a-c say the roots stay
 * consistent; the metrics say what S5 buys: how long a vCPU waits for mmu_lock during a load,
 * and how many vCPUs are inside a load at once.
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>A root slot is one shared variable holding its state and its refcount, as kvm_mmu_page
 *       holds role.invalid and tdp_mmu_root_count: the catalogue's one-step operations
 *       ("refcount_inc_not_zero on a VALID root", "state = VALID, ref = 2") are then each one
 *       read-modify-write of one variable.</li>
 *   <li>Taking the lowest FREE slot is an allocation: one step that may read every slot and
 *       writes the one it takes (tdp_mmu_alloc_sp: the page allocator is atomic on its own).</li>
 *   <li>What a thread holds is a register ({@code held}), readable by P2b and P2c; a vCPU's
 *       {@code root} register is vcpu->arch.mmu->root.hpa. The memslot thread remembers the
 *       roots it invalidated in a bit mask, {@code owed}.</li>
 *   <li>The memslot thread drops all the references it owes inside one read_lock (write_lock in
 *       {@code write-lock}) section, as kvm_tdp_mmu_zap_invalidated_roots() does.</li>
 *   <li>The notifier puts a root as kvm_tdp_mmu_put_root() does, inside the read_lock it
 *       already holds, freeing the slot under tdp_mmu_pages_lock; in {@code write-lock} too.</li>
 *   <li>Scenario {@code vcpus} (the vCPUs alone, without the memslot thread) is not in the
 *       catalogue's list: it is the "without the memslot thread" the wait metric asks for, the
 *       contention S5 removes.</li>
 * </ul>
 */
public final class MmuLockRoots extends Protocol {
  static final int FREE = 0;
  static final int VALID = 1;
  static final int INVALID = 2;
  private static final String[] STATES = {"FREE", "VALID", "INVALID"};


  /**
   * Scenarios {@code load}: the vCPUs and the memslot thread; {@code notifier}: the same and an
   * mmu_notifier unmap; {@code vcpus}: the vCPUs alone.
   */
  public MmuLockRoots() {
    super("m2", "mmu_lock readers and writers: TDP MMU root load and unload (x86; S5)",
        List.of("load", "notifier", "vcpus"),
        M2Variant.ALL.stream().map(M2Variant::variant).toList());
  }

  /**
   * sc and x86: the TDP MMU is x86 code.
   */
  @Override
  public List<String> memoryModels() {
    return List.of("sc", "x86");
  }

  /**
   * N = 2, 3 and 4, at which the wait metric is asked for, with and without the memslot
   * thread; the notifier scenario at N = 2 and 3 only: at N = 4 read-lock has 13,015,608
   * states and read-lock-no-recheck over 50 million, too many for the verification suite.
   */
  @Override
  public List<Params> verifiedParams(String scenario) {
    return scenario.equals("notifier")
        ? List.of(Params.DEFAULT, Params.DEFAULT.withN(3))
        : List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4));
  }

  /**
   * Two races, one per bug of S5: two vCPUs allocating a root at once (read-lock-no-recheck
   * allocates twice), and the memslot thread's teardown of a root against the notifier taking
   * a reference to it (read-lock-plain-inc revives a dying root). vCPU 0 loads the root before
   * the teardown race; vCPU 1 loads one after it.
   */
  @Override
  public List<Race> races(Params params) {
    List<String> more = Race.numbered("vcpu", 2, params.n());
    return List.of(
        new Race("alloc", "two vCPUs loading a root under read_lock, then the memslot thread",
            "load", List.of("P2a"), List.of(), List.of("vcpu(0)"), List.of("vcpu(1)"),
            Race.concat(List.of("memslot"), more)),
        new Race("teardown", "the memslot thread invalidating and putting a root against the "
            + "notifier taking a reference", "notifier", List.of("P2b"), List.of("vcpu(0)"),
            List.of("memslot"), List.of("notifier"), Race.concat(List.of("vcpu(1)"), more)));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    return new RootsModel(codeOf(M2Variant.ALL, M2Variant::variant, variant), scenario,
        params).build();
  }
}
