package tlbcheck.explorer;

/**
 * Under arm64, the rules of page-table walks and TLB maintenance over {@link ArmMemory} and its
 * {@link ArmTlbs}: what a walk may read, what a TLBI's drop of an entry bounds, and which walks
 * must fill what they read. A TLBI itself waits in its CPU ({@link ArmWaiting}) until it
 * completes, at the latest by the CPU's next DSB ({@link ArmRules#before}).
 */
final class ArmWalks {
  private final ArmMemory mem;
  /** The TLB entries the step's walks must fill, having read older than the CPU's ISB view. */
  private final int[] mustFill = new int[8];
  private int fills;

  ArmWalks(ArmMemory mem) {
    this.mem = mem;
  }

  /** A new step: no walk yet. */
  void reset() {
    fills = 0;
  }

  /** The oldest write of x a walk that fills TLB entry {@code tlb} may read. */
  private int oldest(long[] s, int x, int tlb) {
    return mem.latestAtOrBelow(s, x, mem.tlbs.bound(s, tlb));
  }

  /** How many writes of x a walk that fills TLB entry {@code tlb} may read. */
  int candidates(long[] s, int t, int x, int tlb) {
    int oldest = oldest(s, x, tlb);
    int n = 1;
    for (int ts = mem.count(s); ts > oldest; ts--) {
      n += mem.loc(s, ts) == x ? 1 : 0;
    }
    return n;
  }

  /**
   * A page-table walk of thread t's CPU reads translation-table entry x to fill TLB entry
   * {@code tlb}: the {@code k}-th newest of the writes of x in memory not overwritten at or
   * before the bound the last TLBI of {@code tlb} left (Simner et al., "Relaxed virtual memory
   * in Armv8-A", ESOP 2022, section 5: a translation read may read from any write not ordered
   * before a TLBI that precedes it; herd/libdir/aarch64.cat with -variant vmsa), never the
   * CPU's own waiting writes (a walk reads memory). A read older than the CPU's ISB view must
   * fill {@code tlb} in the same step: only a valid entry is cached, so an old invalid one is
   * not seen once an ISB has made the walk see newer (Arm ARM D8.2.7: a translation table entry
   * that generates a fault is not cached). Touches no view.
   */
  int read(long[] s, int t, int x, int tlb, int k) {
    int oldest = oldest(s, x, tlb);
    int fresh = mem.latestAtOrBelow(s, x, Math.max(mem.tlbs.bound(s, tlb), mem.tlbs.isb(s, t)));
    int ts = oldest;
    for (int at = mem.count(s); at > oldest; at--) {
      if (mem.loc(s, at) == x && k-- == 0) {
        ts = at;
        break;
      }
    }
    if (ts < fresh) {
      if (fills == mustFill.length) {
        throw ArmRules.Blocked.INSTANCE;
      }
      mustFill[fills++] = tlb;
    }
    return mem.value(s, x, ts);
  }

  /**
   * TLB entry x was written: an EMPTY is a TLBI's (or a flush's) drop, after which a walk that
   * fills it reads at least what memory held then.
   */
  void tlbWritten(long[] s, int x, int value) {
    if (value == 0) {
      mem.tlbs.dropped(s, x, mem.count(s));
    }
  }

  /** Refuses the step if a walk that read older than its CPU's ISB view did not fill. */
  void checkFills(long[] s) {
    for (int i = 0; i < fills; i++) {
      if (mem.current(s, mustFill[i]) == 0) {
        throw ArmRules.Blocked.INSTANCE;
      }
    }
  }
}
