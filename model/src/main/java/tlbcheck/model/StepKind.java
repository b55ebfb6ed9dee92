package tlbcheck.model;

/** The atomicity class of a step (PROTOCOLS.md "Conventions"). */
public enum StepKind {
  /** A load, a store or one read-modify-write of at most one shared variable. */
  SOFTWARE,
  /** One lock operation; on real memory its guard and action run as one atomic exchange. */
  LOCK,
  /**
   * A page-table walk that fills a TLB or a TLB invalidation: atomic as a whole, as the hardware
   * makes it; it may touch several shared variables.
   */
  HARDWARE,
  /**
   * The allocator taking one free object (a root slot): atomic under the allocator's own lock,
   * it may read every slot to find a free one but writes only one shared variable.
   */
  ALLOCATOR
}
