package tlbcheck.explorer;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Order;
import tlbcheck.model.Reg;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadDef;

/**
 * Under arm64, the state and rules of a load that reads late: a CPU may issue a load, go on with
 * the steps after it that do not depend on it, and read later, so that a later store of the CPU
 * can reach memory before the load reads. That is load buffering (LB), which Armv8-A allows:
 * herd/libdir/aarch64.cat orders a load before a later store only by a dependency ("dob": addr,
 * data, ctrl; [W]), a barrier ("bob": [dmb.ld], [dmb.full]; po), an acquire or a release; no
 * other edge from a read to a later write is in "ob". The Flat model (Flur et al., POPL 2016;
 * Pulte et al., POPL 2018, section 4) reaches LB the same way: a store commits once the loads
 * before it in program order have their addresses, before they are satisfied. Promising-ARM
 * (PLDI 2019) reaches it with promises instead, which need a certification search per step.
 *
 * <p>The load waits in its CPU's list of waiting entries ({@link ArmWaiting}), so that a later
 * write of its variable cannot reach memory before it reads (coherence, as in {@link
 * ArmStores#committable}). Per CPU this keeps the load's lower bound, vrNew when it was issued
 * (a later acquire raises vrNew, but does not order the load); per register a mark: one the
 * load will set cannot be read or written until it has read (a data, address or control
 * dependency waits for it), one it reads for its address cannot be written.
 *
 * <p>While a load waits, its CPU takes no step that orders it: a barrier that orders loads (DMB
 * ISH, DMB ISHLD, DSB, ISB), a release, a fully ordered or releasing atomic, a lock, a flush, a
 * TLBI, a guarded step, or another access of its variable. A hardware step (a translation and
 * the access it makes) goes ahead: herd7's aarch64.cat with -variant vmsa orders a translation
 * after an earlier load only by a barrier or dependency, as VM-remap+DSB-TLBI-DSB+po of
 * ../shared/litmus/vmsa.md shows. One load per CPU waits at a time. What that leaves out: a
 * second load reading late behind the first; a TLBI issued before an earlier load reads.
 */
final class ArmLateReads {
  /** A register's mark: free. */
  static final int FREE = 0;
  /** A register the waiting load will set: no step reads or writes it before the load reads. */
  static final int SET = 1;
  /** A register the waiting load reads for its address: no step writes it. */
  static final int HELD = 2;

  private final ArmMemory mem;
  private final int[] bound;
  private final int markBase;
  private Layout layout;

  private ArmLateReads(ArmMemory mem, int[] bound, int markBase) {
    this.mem = mem;
    this.bound = bound;
    this.markBase = markBase;
  }

  /** The fields from field {@code f}: per thread a bound, per register a mark. */
  static ArmLateReads plan(ArmMemory mem, Model model, int f, List<Integer> sizes) {
    int[] bound = new int[model.threads().size()];
    for (int t = 0; t < bound.length; t++) {
      bound[t] = f++;
      sizes.add(mem.cap + 1);
    }
    for (int r = 0; r < model.regs().size(); r++) {
      sizes.add(3);
    }
    return new ArmLateReads(mem, bound, f);
  }

  void bind(Layout l) {
    this.layout = l;
  }

  /** The fields that hold timestamps: each CPU's bound. */
  int[] timestampFields() {
    return bound.clone();
  }

  /** Thread t's fields: its bound and its registers' marks. */
  void fieldsOf(ThreadDef t, List<Integer> out) {
    out.add(bound[t.index()]);
    t.regs().forEach(r -> out.add(markBase + r.id()));
  }

  /**
   * Whether thread t's {@code step} may be offered to read late: a software step of one way,
   * without guard or role, whose access is plain or READ_ONCE. Whether it is a load that does
   * not branch on what it reads is found by running it ({@link LateReads}).
   */
  static boolean candidate(Step step) {
    return step.ways() == 1 && !step.hasGuard() && step.kind() == StepKind.SOFTWARE
        && step.role() == null && !step.order().rmw()
        && (step.order() == Order.PLAIN || step.order() == Order.ONCE);
  }

  /** Whether thread t's {@code step} must wait for its CPU's waiting load to read. */
  boolean blocks(long[] s, int t, Step step) {
    if (mem.waiting.lateRead(s, t) < 0) {
      return false;
    }
    if (step.hasGuard() || step.kind() != StepKind.SOFTWARE && step.kind() != StepKind.HARDWARE
        || step.role() == Role.FLUSH || step.role() == Role.TLBI) {
      return true;
    }
    return switch (step.order()) {
      case PLAIN, ONCE, ACQUIRE, WMB, DSB_ST, RMW_RELAXED, RMW_ACQUIRE -> false;
      default -> true;
    };
  }

  /** Whether thread t's waiting load, if any, reads x: no other access of x goes first. */
  boolean waitsOn(long[] s, int t, int x) {
    int i = mem.waiting.lateRead(s, t);
    return i >= 0 && mem.waiting.readVar(s, t, i) == x;
  }

  /** A step reads register {@code reg}: it waits if the waiting load will set it. */
  void checkRead(long[] s, int reg) {
    if (mark(s, reg) == SET) {
      throw ArmRules.Blocked.INSTANCE;
    }
  }

  /** A step writes register {@code reg}: it waits if the waiting load sets or reads it. */
  void checkWrite(long[] s, int reg) {
    if (mark(s, reg) != FREE) {
      throw ArmRules.Blocked.INSTANCE;
    }
  }

  int mark(long[] s, int reg) {
    return layout.get(s, markBase + reg);
  }

  void setMark(long[] s, int reg, int mark) {
    layout.set(s, markBase + reg, mark);
  }

  /** Clears the marks of thread t's registers: its waiting load has read. */
  void clearMarks(long[] s, ThreadDef t) {
    for (Reg r : t.regs()) {
      setMark(s, r.id(), FREE);
    }
  }

  /** The lower bound of thread t's waiting load: vrNew when it was issued. */
  int bound(long[] s, int t) {
    return layout.get(s, bound[t]);
  }

  void setBound(long[] s, int t, int ts) {
    layout.set(s, bound[t], ts);
  }
}
