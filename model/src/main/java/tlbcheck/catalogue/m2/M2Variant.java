package tlbcheck.catalogue.m2;

import java.util.List;
import tlbcheck.model.Expectation;
import tlbcheck.model.Variant;

/**
 * A variant of M2 as its patch, in the three choices S5 made (Sean Christopherson, 2024) and the
 * two it guards against: whether roots are loaded and put with mmu_lock held for write (before
 * S5) or for read; whether a vCPU re-scans for a valid root under tdp_mmu_pages_lock before it
 * allocates one; and whether references are taken with refcount_inc_not_zero or a plain ref++.
 * With its expected verdicts, so each variant's whole change is one line of {@link #ALL}.
 *
 * @param writeLock roots loaded and put under write_lock(mmu_lock), else read_lock
 * @param recheck the re-scan under tdp_mmu_pages_lock before allocating (read-lock variants)
 * @param incNotZero references taken with refcount_inc_not_zero, else a plain ref++
 */
record M2Variant(Variant variant, boolean writeLock, boolean recheck, boolean incNotZero) {
  /** Every variant, in catalogue order. */
  static final List<M2Variant> ALL = List.of(
      new M2Variant(Variant.of("write-lock", "before S5: roots loaded and put with mmu_lock "
          + "held for write", Expectation.safe("roots are found and allocated with mmu_lock "
              + "held for write")), true, false, true),
      new M2Variant(Variant.of("read-lock", "S5: mmu_lock for read, refcount_inc_not_zero, "
          + "re-scan under tdp_mmu_pages_lock before allocating", Expectation.safe(
              "refcount_inc_not_zero never revives a dying root, and the re-scan under "
              + "tdp_mmu_pages_lock keeps allocation to one vCPU")), false, true, true),
      new M2Variant(Variant.of("read-lock-no-recheck", "read-lock without the re-scan under "
          + "tdp_mmu_pages_lock", Expectation.violation("P2a", "two vCPUs find no valid root "
              + "under read_lock and each allocates one")), false, false, true),
      new M2Variant(Variant.of("read-lock-plain-inc", "read-lock with a plain ref++ where "
          + "refcount_inc_not_zero belongs", Expectation.safe("a valid root always holds the "
              + "TDP MMU's reference, so a plain ref++ on it never starts from 0"))
          .in("notifier", Expectation.violation("P2b", "the notifier's ref++ revives an "
              + "invalid root whose last put is in progress; the put frees the slot the "
              + "notifier holds")), false, true, false));
}
