package tlbcheck.explorer;

import tlbcheck.model.Order;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * Under arm64, the rules of stores over {@link ArmMemory}: a store waits in its CPU and reaches
 * memory later, as a move of its own, in any order but that of writes to one variable
 * (coherence), after every earlier write where a DMB ISHST or a release comes between
 * (herd/libdir/aarch64.cat, "bob": [dmb.st] and [L] order earlier writes): the write
 * propagation of the Flat model (Flur et al., POPL 2016), which with one memory is
 * other-multicopy-atomic. A waiting TLBI completes as a move of its own too, in any order.
 */
final class ArmStores {
  private final ArmMemory mem;

  ArmStores(ArmMemory mem) {
    this.mem = mem;
  }

  /**
   * Thread t's step stores {@code value} into x: a read-modify-write's, a hardware step's or an
   * allocation's write reaches memory at once (an allocation runs under the allocator's own
   * lock, whose release publishes it, as x86's StoreBuffers treat it); any other waits in the
   * CPU. Returns whether memory changed.
   */
  boolean store(long[] s, int t, int x, int value, Step step) {
    Order order = step.order();
    boolean allocator = step.kind() == StepKind.ALLOCATOR;
    if (order.rmw() || step.kind() == StepKind.HARDWARE || allocator) {
      boolean waits = (order.rmw() || allocator) && (mem.waiting.newest(s, t, x) >= 0
          || ArmRules.releases(order) && mem.waiting.writes(s, t) > 0);
      if (waits || mem.waiting.readOf(s, t, x) >= 0) {
        throw ArmRules.Blocked.INSTANCE;
      }
      int ts = reach(s, t, x, value, ArmRules.releases(order));
      if (order == Order.RMW_FULL) {
        // aarch64.cat, bob: [range([A]; amo; [L])]; po orders every later access after the
        // write of an acquire-release atomic (SWPAL, CASAL): the kernel's fully ordered RMWs.
        mem.raise(s, t, ArmMemory.VR_NEW, ts);
      }
      return true;
    }
    boolean barrier = ArmRules.releases(order) || mem.waiting.wmbFlag(s, t);
    mem.waiting.add(s, t, x, value, barrier && mem.waiting.writes(s, t) > 0,
        ArmRules.releases(order));
    mem.waiting.setWmbFlag(s, t, false);
    return false;
  }

  /**
   * Whether thread t's waiting write i may reach memory now: no earlier write or load of its
   * variable waits, and no barrier stands between it and an earlier waiting write. A waiting
   * load is not committed: it reads by moves of its own ({@link LateReads}).
   */
  boolean committable(long[] s, int t, int i) {
    if (i >= mem.waiting.count(s, t) || mem.waiting.read(s, t, i)) {
      return false;
    }
    if (mem.waiting.tlbi(s, t, i)) {
      return true;
    }
    int x = mem.waiting.var(s, t, i);
    int firstWrite = i;
    for (int j = i - 1; j >= 0; j--) {
      if (mem.waiting.write(s, t, j)) {
        if (mem.waiting.var(s, t, j) == x) {
          return false;
        }
        firstWrite = j;
      } else if (mem.waiting.read(s, t, j) && mem.waiting.readVar(s, t, j) == x) {
        // A load reads before a later write of its variable reaches memory (coherence).
        return false;
      }
    }
    // A barrier orders the writes before it (a DMB orders no TLBI: Arm ARM D8.13.5).
    for (int j = firstWrite + 1; j <= i; j++) {
      if (mem.waiting.barrier(s, t, j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Thread t's waiting entry i takes effect: a write reaches memory, and its variable is
   * returned; a TLBI is removed, and -1 returned, for its step to run now.
   */
  int commit(long[] s, int t, int i) {
    if (mem.waiting.tlbi(s, t, i)) {
      mem.waiting.remove(s, t, i);
      return -1;
    }
    int x = mem.waiting.var(s, t, i);
    int value = mem.waiting.value(s, t, i);
    boolean release = mem.waiting.release(s, t, i);
    mem.waiting.remove(s, t, i);
    reach(s, t, x, value, release);
    return x;
  }

  private int reach(long[] s, int t, int x, int value, boolean release) {
    int ts = mem.append(s, x, value);
    mem.raiseCoh(s, t, x, ts);
    mem.raise(s, t, ArmMemory.VW_OLD, ts);
    if (release) {
      mem.raise(s, t, ArmMemory.V_REL, ts);
    }
    return ts;
  }
}
