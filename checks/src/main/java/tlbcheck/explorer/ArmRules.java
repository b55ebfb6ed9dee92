package tlbcheck.explorer;

import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * The rules of Armv8-A's memory, over {@link ArmMemory}, for one step at a time: the kernel's
 * primitives as arch/arm64/include/asm/barrier.h and the kernel's arm64 atomics map them
 * (WRITE_ONCE STR, READ_ONCE LDR, smp_store_release STLR, smp_load_acquire LDAR, smp_mb DMB
 * ISH, smp_wmb DMB ISHST, smp_rmb DMB ISHLD, xchg SWPAL, cmpxchg CASAL, spin_lock an acquire
 * read-modify-write, spin_unlock STLR).
 *
 * <p>Loads follow Promising-ARM (Pulte et al., PLDI 2019, figure 4, rule "read"): a load of x
 * may read any write of x at or after the newest one at or below max(coh(x), v_pre), where v_pre
 * joins the views of the registers it depends on (an address dependency), vrNew, and for an
 * acquire vRel; a CPU's own write still waiting is forwarded to it. What it read raises coh(x)
 * and vrOld, and for an acquire vrNew.
 *
 * <p>Stores wait in their CPU and reach memory later ({@link ArmStores}). A read-modify-write reads
 * the newest write and writes next to it in one step; with release semantics it waits for every
 * earlier write, with acquire semantics it raises vrNew; an LDAR waits for the CPU's earlier STLR
 * (aarch64.cat: [L]; po; [A]). DMB ISH waits for every earlier write and raises vrNew to vrOld and
 * vwOld; DMB ISHLD raises vrNew to vrOld.
 *
 * <p>A load may also read late, after later steps of its CPU (load buffering): {@link
 * ArmLateReads}. The rules of walks and TLBIs are {@link ArmWalks}'; DSB and ISB are {@link
 * #before}'s.
 */
final class ArmRules {
  /** The move cannot be taken now: a read choice past the last candidate, or a wait. */
  static final class Blocked extends RuntimeException {
    static final Blocked INSTANCE = new Blocked();

    private Blocked() {
      super(null, null, false, false);
    }
  }

  final ArmMemory mem;
  /** The view the step's register reads so far carry: its address or data dependencies. */
  int depView;
  /** The view of what the step has loaded, for the registers it sets. */
  int loadView;
  /**
   * What is left of the move's choice: a load takes it whole (which of its candidates it reads,
   * newest first), each walk its part of it in mixed radix; a move that leaves some is refused,
   * so that each choice is one move.
   */
  int left;
  /** How many choices a move can carry ({@link MoveTable#choices}). */
  int choices = Integer.MAX_VALUE;
  /**
   * How many choices the step's loads had so far: a load's candidates, or the product of its
   * walks' (each choice past it is refused), 1 with none.
   */
  int combinations;
  /** The most choices any move of the alternative being enumerated has had ({@link #admit}). */
  private int choicesSeen = 1;
  /** The rules of page-table walks. */
  final ArmWalks walks;
  /** The rules of stores reaching memory. */
  final ArmStores stores;
  /** A step's trial for reading late. */
  final LateProbe probe;
  /** While a waiting load reads: its bound, else -1; and the entries before it. */
  int lateBound = -1;
  int lateLimit;

  ArmRules(ArmMemory mem) {
    this.mem = mem;
    this.probe = new LateProbe(mem.model.regs().size());
    this.walks = new ArmWalks(mem);
    this.stores = new ArmStores(mem);
  }

  /** A register read in the step: what it depends on joins the step's dependencies. */
  void readRegister(long[] s, int reg) {
    // A load issued to read late must not depend on one still waiting either.
    mem.late.checkRead(s, reg);
    if (probe.on()) {
      probe.read[reg] = true;
    }
    depView = Math.max(depView, mem.regView(s, reg));
  }

  /** A register set by the step carries the views of what the step read. */
  void setRegister(long[] s, int reg) {
    mem.late.checkWrite(s, reg);
    if (probe.on()) {
      probe.set[reg] = true;
    }
    mem.setRegView(s, reg, Math.max(depView, loadView));
  }

  /**
   * The value thread t's step loads from x: a read-modify-write's and a hardware step's is the
   * newest write; a guard's and an allocation's the newest, its thread's waiting write first (an
   * allocation runs under the allocator's own lock, as under x86); a property's (t &lt; 0) the
   * newest; any other load's, the {@link #left}-th write its views allow.
   */
  int load(long[] s, int t, int x, Step step, boolean readOnly) {
    if (probe.on()) {
      return probe.load(x);
    }
    if (!readOnly && t >= 0 && mem.waiting.readOf(s, t, x) >= 0) {
      throw Blocked.INSTANCE;
    }
    boolean hardware = step != null && step.kind() == StepKind.HARDWARE;
    boolean allocator = step != null && step.kind() == StepKind.ALLOCATOR;
    int own = t >= 0 && !hardware ? mem.waiting.newestBefore(s, t, x, lateLimit) : -1;
    if (readOnly || t < 0 || hardware || allocator) {
      // A guard sees its thread's own waiting write; a hardware step's load other than a walk,
      // the newest write in memory, and what it reads orders nothing of its CPU's loads.
      return own >= 0 ? mem.waiting.value(s, t, own)
          : mem.value(s, x, mem.latestAtOrBelow(s, x, mem.count(s)));
    }
    int choice = left;
    left = 0;
    Order order = step.order();
    boolean acquire = order == Order.ACQUIRE || order.rmw() && acquires(order);
    if (order.rmw() && choice > 0 || acquire && mem.waiting.releaseWaits(s, t)) {
      throw Blocked.INSTANCE;
    }
    if (own >= 0) {
      if (order.rmw() || choice > 0) {
        throw Blocked.INSTANCE;
      }
      loadView = Math.max(loadView, depView);
      return mem.waiting.value(s, t, own);
    }
    int pre = Math.max(depView, lateBound >= 0 ? lateBound : mem.view(s, t, ArmMemory.VR_NEW));
    if (acquire) {
      pre = Math.max(pre, mem.view(s, t, ArmMemory.V_REL));
    }
    int ts = order.rmw() ? mem.latestAtOrBelow(s, x, mem.count(s))
        : candidate(s, x, Math.max(pre, mem.coh(s, t, x)), choice);
    int post = Math.max(pre, ts);
    mem.raiseCoh(s, t, x, post);
    mem.raise(s, t, ArmMemory.VR_OLD, post);
    if (acquire) {
      mem.raise(s, t, ArmMemory.VR_NEW, post);
    }
    loadView = Math.max(loadView, post);
    return mem.value(s, x, ts);
  }

  /** The timestamp of the {@code k}-th newest write of x a load bounded by b may read. */
  private int candidate(long[] s, int x, int b, int k) {
    int oldest = mem.latestAtOrBelow(s, x, b);
    int n = 1;
    for (int ts = mem.count(s); ts > oldest; ts--) {
      n += mem.loc(s, ts) == x ? 1 : 0;
    }
    combinations = n;
    numbered(n);
    for (int ts = mem.count(s); ts > oldest; ts--) {
      if (mem.loc(s, ts) == x) {
        if (k == 0) {
          return ts;
        }
        k--;
      }
    }
    if (k == 0) {
      return oldest;
    }
    throw Blocked.INSTANCE;
  }

  /** A walk of thread t's CPU reads entry x to fill TLB entry {@code tlb}: {@link ArmWalks}. */
  int walk(long[] s, int t, int x, int tlb) {
    if (probe.on()) {
      throw Blocked.INSTANCE;
    }
    int n = walks.candidates(s, t, x, tlb);
    combinations *= n;
    numbered(combinations);
    int k = left % n;
    left /= n;
    return walks.read(s, t, x, tlb, k);
  }

  /**
   * Ends thread t's step: refuses the move if it left part of its choice unused, or a walk that
   * read older than the CPU's ISB view did not fill its TLB entry.
   */
  void after(long[] s) {
    if (left != 0) {
      throw Blocked.INSTANCE;
    }
    walks.checkFills(s);
  }

  /** The TLBI step whose completion thread t's waiting entry i is, or null for a write. */
  Step tlbiStep(long[] s, int t, int i) {
    return mem.waiting.tlbi(s, t, i) ? mem.model.thread(t).step(mem.waiting.tlbiPc(s, t, i))
        : null;
  }

  /** Thread t's step stores {@code value} into x: {@link ArmStores#store}. */
  boolean store(long[] s, int t, int x, int value, Step step) {
    if (probe.on()) {
      throw Blocked.INSTANCE;
    }
    return stores.store(s, t, x, value, step);
  }

  /**
   * Admits choice k of an alternative whose choices come in order from 0, as the moves of a
   * state do: none past the most any choice of it so far had can be taken (a choice past its
   * path's product is refused, and a longer path's product is seen at a smaller choice), so it
   * is refused unrun.
   */
  void admit(int k) {
    if (k == 0) {
      choicesSeen = 1;
    } else if (k >= choicesSeen) {
      throw Blocked.INSTANCE;
    }
  }

  /** The admitted move has run, or been refused: its choices count for the next. */
  void tried() {
    choicesSeen = Math.max(choicesSeen, combinations);
  }

  /** Refuses a step with more choices than a move can number: they would be lost. */
  private void numbered(int n) {
    if (n > choices) {
      throw new ModelError("under arm64 a step has " + n + " choices of the writes it reads, "
          + "more than the " + choices + " a move of this model can number (a state keeps its "
          + "move in a byte); fewer threads or fewer steps");
    }
  }

  /** Whether thread t's {@code step} waits in its CPU instead of running: a TLBI. */
  static boolean defers(Step step) {
    return step.role() == Role.TLBI;
  }

  private static boolean acquires(Order o) {
    return o == Order.RMW_ACQUIRE || o == Order.RMW_FULL;
  }

  static boolean releases(Order o) {
    return o == Order.RELEASE || o == Order.RMW_RELEASE || o == Order.RMW_FULL;
  }

  /**
   * Starts thread t's {@code step} with {@code choice} for its loads and walks to take: applies
   * a barrier step's DMB ISH, ISHLD or ISHST, DSB or ISB. A flush (kvm_flush_remote_tlbs, which
   * arm64's __kvm_tlb_flush_vmid makes dsb(ishst); tlbi; dsb(ish); isb) waits for every entry
   * its CPU has waiting, takes effect at once, and orders as DSB does.
   */
  void before(long[] s, int t, Step step, int choice) {
    this.depView = 0;
    this.loadView = 0;
    this.left = choice;
    walks.reset();
    this.combinations = 1;
    this.lateBound = -1;
    this.lateLimit = Integer.MAX_VALUE;
    if (step.role() == Role.FLUSH && mem.waiting.count(s, t) > 0
        || ArmLateReads.blocks(mem.waiting, s, t, step)) {
      throw Blocked.INSTANCE;
    }
    Order order = step.role() == Role.FLUSH ? Order.DSB : step.order();
    switch (order) {
      case MB, DSB -> {
        // DMB ISH waits for the CPU's writes; DSB ISH for its TLBIs too (Arm ARM D8.13.5: a
        // TLBI is complete on every CPU once a DSB after it completes).
        int waits = order == Order.DSB ? mem.waiting.count(s, t) : mem.waiting.writes(s, t);
        if (waits > 0) {
          throw Blocked.INSTANCE;
        }
        mem.raise(s, t, ArmMemory.VR_NEW, Math.max(mem.view(s, t, ArmMemory.VR_OLD),
            mem.view(s, t, ArmMemory.VW_OLD)));
      }
      case DSB_ST -> {
        if (mem.waiting.writes(s, t) > 0) {
          throw Blocked.INSTANCE;
        }
      }
      // ISB: the CPU's later walks see what it has seen (aarch64.cat, vmsa: [ISB] orders
      // later translation reads after earlier events).
      case ISB -> mem.tlbs.raiseIsb(s, t, Math.max(mem.view(s, t, ArmMemory.VR_OLD),
          mem.view(s, t, ArmMemory.VW_OLD)));
      case RMB -> mem.raise(s, t, ArmMemory.VR_NEW, mem.view(s, t, ArmMemory.VR_OLD));
      case WMB -> mem.waiting.setWmbFlag(s, t, mem.waiting.writes(s, t) > 0);
      default -> {
      }
    }
  }

}
