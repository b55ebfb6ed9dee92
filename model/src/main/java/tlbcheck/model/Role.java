package tlbcheck.model;

/**
 * What a step does for the protocol's safety, where it is one of the things a deferred-flush
 * optimisation moves or drops: the steps {@code tlbcheck necessity} removes, one at a time, to
 * show that each is needed. A step with no role is the protocol's own work (a zap, a walk, a
 * flag), which removing would change rather than weaken.
 */
public enum Role {
  /** One CPU's part of a TLB flush (kvm_flush_remote_tlbs, a local flush). */
  FLUSH("flush"),
  /** One CPU's part of an arm64 TLB invalidation instruction. */
  TLBI("TLBI"),
  /** A memory barrier (smp_wmb, smp_mb). */
  BARRIER("barrier"),
  /** Taking a lock or entering an RCU read-side critical section; removed with its releases. */
  ACQUIRE("lock"),
  /** The release that goes with an {@link #ACQUIRE} of the same resource. */
  RELEASE("unlock"),
  /** The wait for an RCU grace period before a callback runs. */
  GRACE_PERIOD("grace period"),
  /** A reference count operation (get_page, put_page). */
  REFCOUNT("refcount");

  private final String word;

  Role(String word) {
    this.word = word;
  }

  /** The word a table prints: {@code flush}, {@code TLBI}, {@code lock}. */
  public String word() {
    return word;
  }
}
