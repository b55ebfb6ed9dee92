package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * The writes that have not reached memory, whichever memory model keeps them: x86's FIFO store
 * buffers ({@link StoreBuffers}, whose oldest entry alone may leave), arm64's waiting writes
 * ({@link ArmWaiting}, any of which may reach memory that {@link ArmRules} lets), or none under
 * sequential consistency; under arm64 also the TLBIs that have not completed and the loads that
 * read late ({@link LateReads}). A thread's late ways, then its commit ways, follow its step ways
 * ({@link MoveTable}): commit way {@code commitWay(t) + i} takes entry i. Part of {@link
 * Semantics}.
 */
final class WaitingWrites {
  /** The step a store buffer's drain stands for in a trace's thread column. */
  private static final Step DRAIN = Step.of("(store buffer drains)", StepKind.HARDWARE,
      Step.ALWAYS, c -> { }, null, null);

  private final StoreBuffers buffers;
  private final PackedContext ctx;
  private final ArmRules arm;
  private final MoveTable moves;
  /** Under arm64, the loads that read late; else null. */
  private final LateReads late;

  WaitingWrites(StoreBuffers buffers, PackedContext ctx, MoveTable moves, Layout layout,
      Model model) {
    this.buffers = buffers;
    this.ctx = ctx;
    this.arm = ctx.arm;
    this.moves = moves;
    this.late = arm == null ? null : new LateReads(model, ctx, layout, moves.choices());
  }

  /**
   * Thread t's way {@code way} past its steps' in {@code s}, at {@code pc}: a late load's
   * ({@link LateReads#take}), or a waiting entry taking effect, the pc staying: a write reaches
   * memory (x86: the oldest); under arm64 a TLBI's step runs, now that it completes.
   */
  Step take(long[] s, int t, int way, int pc) {
    int i = way - moves.commitWay(t);
    if (i < 0) {
      return late.take(s, t, way - moves.drainWay(t), pc);
    }
    ctx.bindForStep(s, t, DRAIN, pc);
    String before = ctx.recorder == null ? null : describe(s, t);
    Step tlbi = arm == null ? null : arm.tlbiStep(s, t, i);
    if (buffers != null) {
      int var = buffers.var(s, t, 0);
      int value = buffers.value(s, t, 0);
      buffers.dropOldest(s, t);
      ctx.write(var, value);
    } else {
      int value = arm.mem.waiting.value(s, t, i);
      int var = arm.stores.commit(s, t, i);
      if (var >= 0) {
        ctx.write(var, value);
      }
    }
    if (ctx.recorder != null) {
      ctx.recorder.buffer(t, before, describe(s, t));
    }
    if (tlbi != null) {
      tlbi.run(ctx);
    }
    ctx.nextPc = pc;
    return DRAIN;
  }

  /**
   * Under arm64, whether thread t's {@code step} at {@code pc} is a TLBI, which then waits in
   * its CPU to complete later instead of running now ({@link ArmRules#defers}).
   */
  boolean deferred(long[] s, int t, int pc, Step step) {
    if (arm == null || !ArmRules.defers(step)) {
      return false;
    }
    String before = ctx.recorder == null ? null : describe(s, t);
    arm.mem.waiting.addTlbi(s, t, pc);
    if (ctx.recorder != null) {
      ctx.recorder.buffer(t, before, describe(s, t));
    }
    return true;
  }

  private String describe(long[] s, int t) {
    return buffers != null ? buffers.describe(s, t) : arm.mem.waiting.describe(s, t);
  }

  /** Whether writes wait at all: under x86 and arm64. */
  boolean exist() {
    return buffers != null || arm != null;
  }

  /** Whether thread t has a write that has not reached memory. */
  boolean pending(long[] s, int t) {
    return buffers != null ? buffers.count(s, t) > 0
        : arm != null && arm.mem.waiting.count(s, t) > 0;
  }

  /** Writes waiting in every thread. */
  int total(long[] s) {
    return buffers != null ? buffers.total(s) : arm != null ? arm.mem.waiting.total(s) : 0;
  }

  /**
   * Whether thread t's way {@code way} past its steps' may be taken now at {@code pc}: a late
   * load's issue, its read, or a commit.
   */
  boolean committable(long[] s, int t, int way, int pc) {
    int i = way - moves.commitWay(t);
    if (i < 0) {
      int j = (way - moves.drainWay(t) - 1) / moves.choices();
      return way == moves.drainWay(t) ? late.issuable(s, t, pc) : j < late.waiting(s, t);
    }
    return buffers != null ? i == 0 && pending(s, t) : arm.stores.committable(s, t, i);
  }

  /** The label of thread t's way past its steps': {@code x = 1 (reaches memory)}. */
  String label(long[] s, int t, int way, int pc) {
    int i = way - moves.commitWay(t);
    if (i < 0) {
      return late.label(s, t, way - moves.drainWay(t), pc);
    }
    return buffers != null ? buffers.drainLabel(s, t) : arm.mem.waiting.commitLabel(s, t, i);
  }

  /** How many loads thread t has waiting to read (arm64). */
  int lateReads(long[] s, int t) {
    return late.waiting(s, t);
  }

  /** Whether thread t's way {@code way} reads a late load: its choices are the load's. */
  boolean readsLate(int t, int way) {
    return late != null && way > moves.drainWay(t) && way < moves.commitWay(t);
  }
}
