package tlbcheck.model;

/**
 * How engines that run on real memory (Lincheck, jcstress) access a shared variable: the
 * ordering the kernel code uses for it. The explorer runs under sequential consistency and
 * ignores it; it is declared with the variable so that one model serves every engine.
 */
public enum Access {
  /** A plain C access. */
  PLAIN,
  /** READ_ONCE / WRITE_ONCE: no tearing, no ordering. */
  ONCE,
  /** smp_load_acquire / smp_store_release. */
  ACQUIRE_RELEASE,
  /** Fully ordered (atomics with smp_mb() semantics, locks). */
  VOLATILE
}
