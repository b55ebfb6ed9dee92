package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.ThreadDef;

/**
 * Under arm64, the two moves of a load that reads late ({@link ArmLateReads} gives the rule and
 * why Armv8 allows it): one issues the load, moving its thread past it without reading; one, per
 * choice of the write it reads, makes it read. Part of {@link WaitingWrites}; one per context.
 *
 * <p>A step is issued only if it is a load that does not branch on what it reads: it is run on
 * trial with every value of its variable's domain (its load returns that value), and each trial
 * must load that one variable once, write nothing shared, count toward no metric, fail no
 * assertion and leave its thread at the same program counter. The registers the trials set are
 * marked as the load's, those they read as its address, until it reads.
 */
final class LateReads {
  private final Model model;
  private final PackedContext ctx;
  private final ArmRules arm;
  private final ArmMemory mem;
  private final Layout layout;
  /** How many choices of the write it reads each waiting load has. */
  private final int choices;
  private long[] scratch = new long[0];

  LateReads(Model model, PackedContext ctx, Layout layout, int choices) {
    this.model = model;
    this.layout = layout;
    this.choices = choices;
    this.ctx = ctx;
    this.arm = ctx.arm;
    this.mem = arm.mem;
  }

  /** Whether thread t at {@code pc} may issue its step to read late now. */
  boolean issuable(long[] s, int t, int pc) {
    return pc < model.thread(t).program().size()
        && mem.waiting.reads(s, t) < ArmLateReads.SLOTS
        && ArmLateReads.candidate(model.thread(t).step(pc));
  }

  /** How many loads thread t has waiting to read. */
  int waiting(long[] s, int t) {
    return mem.waiting.reads(s, t);
  }

  /**
   * Way i of thread t's late ways: 0 issues its step at {@code pc}; 1 + j * choices + k makes
   * its waiting load j read choice k.
   */
  Step take(long[] s, int t, int i, int pc) {
    return i == 0 ? issue(s, t, pc) : read(s, t, (i - 1) / choices, (i - 1) % choices, pc);
  }

  /** The label of late way i of thread t: {@code r0 = READ_ONCE(*x) (reads later)}. */
  String label(long[] s, int t, int i, int pc) {
    if (i == 0) {
      return model.thread(t).step(pc).label() + " (reads later)";
    }
    int e = mem.waiting.lateRead(s, t, (i - 1) / choices);
    return model.thread(t).step(mem.waiting.readPc(s, t, e)).label() + " (reads now)";
  }

  /**
   * Thread t issues its step at {@code pc} to read late: the step waits in its CPU, marks its
   * registers, and the thread moves past it. Refused ({@link ArmRules.Blocked}) unless every
   * trial shows a load that does not branch on its value.
   */
  private Step issue(long[] s, int t, int pc) {
    Step step = model.thread(t).step(pc);
    int next = trials(s, t, pc, step);
    if (mem.waiting.readOf(s, t, arm.probe.var) >= 0) {
      // Two loads of one variable read in program order (coherence, CoRR).
      throw ArmRules.Blocked.INSTANCE;
    }
    ctx.bindForStep(s, t, step, pc);
    String before = ctx.recorder == null ? null : mem.waiting.describe(s, t);
    int j = mem.waiting.reads(s, t);
    mem.waiting.addRead(s, t, pc, arm.probe.var);
    mem.late.setBound(s, t, j, mem.view(s, t, ArmMemory.VR_NEW));
    for (int r = 0; r < arm.probe.set.length; r++) {
      if (arm.probe.set[r] || arm.probe.read[r]) {
        mem.late.mark(s, r, j, arm.probe.set[r]);
      }
    }
    if (ctx.recorder != null) {
      ctx.recorder.buffer(t, before, mem.waiting.describe(s, t));
    }
    ctx.nextPc = next;
    layout.set(s, layout.pcBase + t, next);
    return step;
  }

  /**
   * Runs {@code step} on trial once per value of the variable it loads; returns where it leaves
   * its thread, or refuses the move. The trials run on a copy of {@code s}, unheard by a trace.
   */
  private int trials(long[] s, int t, int pc, Step step) {
    if (scratch.length != s.length) {
      scratch = new long[s.length];
    }
    Recorder recorder = ctx.recorder;
    ctx.recorder = null;
    arm.probe.clear();
    int next = -1;
    int x = -1;
    try {
      for (int v = 0; x < 0 || v < model.vars().get(x).domain().size(); v++) {
        System.arraycopy(s, 0, scratch, 0, s.length);
        ctx.bindForStep(scratch, t, step, pc);
        arm.before(scratch, t, step, 0);
        arm.probe.start(v);
        step.run(ctx);
        arm.probe.stop();
        if (arm.probe.loads != 1 || !ctx.onlyRead(arm.probe.var) || ctx.failed != null
            || counted() || x >= 0 && (arm.probe.var != x || ctx.nextPc != next)) {
          throw ArmRules.Blocked.INSTANCE;
        }
        x = arm.probe.var;
        next = ctx.nextPc;
      }
    } catch (RuntimeException e) {
      // The step fails with some value of its variable, which memory may never hold here (a
      // rule broken, an index out of range): it does not read late; taken as a plain step, it
      // reports any fault itself.
      throw ArmRules.Blocked.INSTANCE;
    } finally {
      arm.probe.stop();
      ctx.recorder = recorder;
    }
    return next;
  }

  private boolean counted() {
    for (int c : ctx.counts) {
      if (c != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Thread t's waiting load j reads the {@code k}-th write it may: its step runs now, bounded by
   * vrNew as it was when issued and forwarded only the writes its CPU made before it; the
   * thread stays at {@code pc}.
   */
  private Step read(long[] s, int t, int j, int k, int pc) {
    int e = mem.waiting.lateRead(s, t, j);
    if (e < 0) {
      throw ArmRules.Blocked.INSTANCE;
    }
    ThreadDef thread = model.thread(t);
    Step step = thread.step(mem.waiting.readPc(s, t, e));
    String before = ctx.recorder == null ? null : mem.waiting.describe(s, t);
    int bound = mem.late.bound(s, t, j);
    mem.waiting.remove(s, t, e);
    mem.late.release(s, thread, j);
    ctx.bindForStep(s, t, step, pc);
    arm.before(s, t, step, k);
    arm.lateBound = bound;
    arm.lateLimit = e;
    try {
      step.run(ctx);
      arm.after(s);
    } finally {
      arm.lateBound = -1;
      arm.lateLimit = Integer.MAX_VALUE;
    }
    if (ctx.recorder != null) {
      ctx.recorder.buffer(t, before, mem.waiting.describe(s, t));
    }
    ctx.nextPc = pc;
    return step;
  }
}
