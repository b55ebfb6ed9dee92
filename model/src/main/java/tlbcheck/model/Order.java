package tlbcheck.model;

/**
 * The ordering of a step's one access as the kernel writes it (tools/memory-model/
 * linux-kernel.def), or, for a barrier step, which barrier: what a memory model weaker than
 * sequential consistency reads to decide what may be reordered around the step. Under
 * sequential consistency every order is the same.
 */
public enum Order {
  /** A plain C access, or a step on registers alone. */
  PLAIN,
  /** READ_ONCE, WRITE_ONCE, atomic_read, atomic_set. */
  ONCE,
  /** smp_load_acquire. */
  ACQUIRE,
  /** smp_store_release, spin_unlock. */
  RELEASE,
  /** A read-modify-write without ordering: atomic_inc, xchg_relaxed, cmpxchg_relaxed. */
  RMW_RELAXED,
  /** A read-modify-write that acquires: xchg_acquire, spin_lock, refcount_inc_not_zero. */
  RMW_ACQUIRE,
  /** A read-modify-write that releases: xchg_release, refcount_dec_and_test's ordering. */
  RMW_RELEASE,
  /** A fully ordered read-modify-write: xchg, cmpxchg, atomic_*_return. */
  RMW_FULL,
  /** smp_mb(), and the smp_mb__before/after_atomic() forms. */
  MB,
  /** smp_wmb(): orders stores before it with stores after it. */
  WMB,
  /** smp_rmb(): orders loads before it with loads after it. */
  RMB,
  /**
   * dsb(ish): waits until the CPU's earlier stores have reached memory and its earlier TLBIs
   * have completed on every CPU; orders as smp_mb() does.
   */
  DSB,
  /** dsb(ishst): waits until the CPU's earlier stores have reached memory. */
  DSB_ST,
  /** isb(): the CPU's later walks see what it has seen (a context synchronization event). */
  ISB;

  /** Whether the step is an atomic read-modify-write (on x86, a LOCK-prefixed instruction). */
  public boolean rmw() {
    return this == RMW_RELAXED || this == RMW_ACQUIRE || this == RMW_RELEASE || this == RMW_FULL;
  }

  /**
   * The barrier a kernel barrier's label names ({@code smp_mb()}, {@code smp_wmb()}, {@code
   * smp_rmb()}, and their forms), or PLAIN for {@code barrier()}, the compiler barrier.
   */
  public static Order ofBarrier(String label) {
    String name = label.replaceAll("\\(.*$", "").trim();
    return switch (name) {
      case "smp_mb", "mb", "smp_mb__before_atomic", "smp_mb__after_atomic",
          "smp_mb__after_spinlock", "smp_mb__after_unlock_lock" -> MB;
      case "smp_wmb", "wmb" -> WMB;
      case "smp_rmb", "rmb" -> RMB;
      case "barrier" -> PLAIN;
      case "dsb" -> label.contains("ishst") ? DSB_ST : DSB;
      case "isb" -> ISB;
      default -> throw new ModelError("'" + label + "' names no kernel barrier: smp_mb(), "
          + "smp_wmb(), smp_rmb(), smp_mb__before_atomic(), smp_mb__after_atomic(), barrier(), "
          + "dsb(ish), dsb(ishst) or isb()");
    };
  }
}
