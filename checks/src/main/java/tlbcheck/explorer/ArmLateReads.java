package tlbcheck.explorer;

import java.util.Arrays;
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
 * ArmStores#committable}). Per CPU and waiting load this keeps the load's lower bound, vrNew
 * when it was issued (a later acquire raises vrNew, but does not order the load); per register
 * a mark per waiting load: a register the load will set cannot be read or written until it has
 * read (a data, address or control dependency waits for it, and so does a load that would be
 * issued after it with it as its address), one it reads for its address cannot be written.
 *
 * <p>While a load waits, its CPU takes no step that orders it: a barrier that orders loads (DMB
 * ISH, DMB ISHLD, DSB, ISB), a release, a fully ordered or releasing atomic, a lock, a flush, a
 * TLBI, a guarded step, or another access of its variable. A hardware step (a translation and
 * the access it makes) goes ahead: herd7's aarch64.cat with -variant vmsa orders a translation
 * after an earlier load only by a barrier or dependency, as VM-remap+DSB-TLBI-DSB+po of
 * ../shared/litmus/vmsa.md shows. At most {@link #SLOTS} loads per CPU wait at a time. What
 * that leaves out: a third load reading late behind two; a TLBI issued before an earlier load
 * reads.
 */
final class ArmLateReads {
  /** How many loads of one CPU may wait to read at once. */
  static final int SLOTS = 2;

  private final int[][] bound;
  private final int markBase;
  private Layout layout;

  private ArmLateReads(int[][] bound, int markBase) {
    this.bound = bound;
    this.markBase = markBase;
  }

  /**
   * The fields from field {@code f}: per thread a bound per waiting load, per register a mark:
   * bit j set if waiting load j sets it, bit {@link #SLOTS} + j if it reads it.
   */
  static ArmLateReads plan(Model model, int cap, int f, List<Integer> sizes) {
    int[][] bound = new int[model.threads().size()][SLOTS];
    for (int[] b : bound) {
      for (int j = 0; j < SLOTS; j++) {
        b[j] = f++;
        sizes.add(cap + 1);
      }
    }
    for (int r = 0; r < model.regs().size(); r++) {
      sizes.add(1 << 2 * SLOTS);
    }
    return new ArmLateReads(bound, f);
  }

  void bind(Layout l) {
    this.layout = l;
  }

  /** The fields that hold timestamps: each CPU's bounds. */
  int[] timestampFields() {
    return Arrays.stream(bound).flatMapToInt(Arrays::stream).toArray();
  }

  /** Thread t's fields: its bounds and its registers' marks. */
  void fieldsOf(ThreadDef t, List<Integer> out) {
    Arrays.stream(bound[t.index()]).forEach(out::add);
    t.regs().forEach(r -> out.add(markBase + r.id()));
  }

  /**
   * Whether thread t's {@code step} may be offered to read late: a software step of one way,
   * without guard or role, whose access is plain or READ_ONCE. Whether it is a load that does
   * not branch on what it reads is found by running it ({@link LateReads}).
   */
  static boolean candidate(Step step) {
    return step.ways() == 1 && !step.hasGuard() && step.kind() == StepKind.SOFTWARE
        && step.role() == null && (step.order() == Order.PLAIN || step.order() == Order.ONCE);
  }

  /** Whether thread t's {@code step} must wait for its CPU's waiting loads to read. */
  static boolean blocks(ArmWaiting waiting, long[] s, int t, Step step) {
    if (waiting.reads(s, t) == 0) {
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

  /** A step reads register {@code reg}: it waits if a waiting load will set it. */
  void checkRead(long[] s, int reg) {
    if ((mark(s, reg) & (1 << SLOTS) - 1) != 0) {
      throw ArmRules.Blocked.INSTANCE;
    }
  }

  /** A step writes register {@code reg}: it waits if a waiting load sets or reads it. */
  void checkWrite(long[] s, int reg) {
    if (mark(s, reg) != 0) {
      throw ArmRules.Blocked.INSTANCE;
    }
  }

  private int mark(long[] s, int reg) {
    return layout.get(s, markBase + reg);
  }

  /** Waiting load j of its CPU sets register {@code reg}, or reads it ({@code sets} false). */
  void mark(long[] s, int reg, int j, boolean sets) {
    layout.set(s, markBase + reg, mark(s, reg) | 1 << (sets ? j : SLOTS + j));
  }

  /**
   * Thread t's waiting load j has read: its marks are cleared, and the later loads' marks and
   * bounds move down by one, as their places in the list do.
   */
  void release(long[] s, ThreadDef t, int j) {
    int keep = (1 << j) - 1;
    for (Reg r : t.regs()) {
      int m = mark(s, r.id());
      int set = m & (1 << SLOTS) - 1;
      int held = m >> SLOTS;
      set = set & keep | set >> 1 & ~keep;
      held = held & keep | held >> 1 & ~keep;
      layout.set(s, markBase + r.id(), held << SLOTS | set);
    }
    int[] b = bound[t.index()];
    for (int i = j; i < SLOTS - 1; i++) {
      layout.set(s, b[i], layout.get(s, b[i + 1]));
    }
    layout.set(s, b[SLOTS - 1], 0);
  }

  /** The lower bound of thread t's waiting load j: vrNew when it was issued. */
  int bound(long[] s, int t, int j) {
    return layout.get(s, bound[t][j]);
  }

  void setBound(long[] s, int t, int j, int ts) {
    layout.set(s, bound[t][j], ts);
  }
}
