package tlbcheck.explorer;

import tlbcheck.model.Ctx;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reg;
import tlbcheck.model.Step;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.Var;

/**
 * {@link Ctx} over the explorer's packed state: a step reads and writes the {@code long[]} it is
 * bound to. It also enforces the step rules of PROTOCOLS.md "Conventions" as the step runs: a
 * software step touching a second shared variable, a store outside a domain, a guard that
 * writes, a thread using another thread's register: each is a {@link ModelError} naming the
 * model, thread and step.
 *
 * <p>One instance per exploring thread; not thread-safe. No allocation on the hot path.
 */
final class PackedContext implements Ctx {
  private final Model model;
  private final Layout layout;
  /** The store buffers under x86, else null. */
  private final StoreBuffers buffers;
  /** Armv8's rules under arm64, else null. */
  final ArmRules arm;
  private long[] s;
  private int thread;
  private Step step;
  private boolean readOnly;
  private final StepFootprint footprint = new StepFootprint();
  /** Whether the bound step's stores enter its thread's store buffer (x86). */
  private boolean buffering;
  /** Whether the running step has put an entry in its buffer. */
  private boolean appended;
  int nextPc;
  StepAssertion failed;
  String failure;
  /** Set only while a trace is replayed. */
  Recorder recorder;
  /** Whether {@link #recorder} also hears register reads: while a trace's end is explained. */
  boolean recordRegisterReads;
  /** How many times the current step counted toward each metric. */
  final int[] counts;

  PackedContext(Model model, Layout layout) {
    this.model = model;
    this.layout = layout;
    this.buffers = layout.buffers;
    this.arm = layout.arm == null ? null : new ArmRules(layout.arm);
    this.counts = new int[model.metrics().size()];
  }

  /** Binds to state {@code s} to evaluate properties or guards: stores are errors. */
  void bindReadOnly(long[] s, int thread, Step step) {
    this.s = s;
    this.thread = thread;
    this.step = step;
    this.readOnly = true;
    footprint.clear();
    this.buffering = buffers != null && thread >= 0 && step != null
        && StoreBuffers.buffered(step);
    this.appended = false;
  }

  /** Binds to state {@code s} to run {@code step} of {@code thread}, which will change it. */
  void bindForStep(long[] s, int thread, Step step, int pc) {
    bindReadOnly(s, thread, step);
    this.readOnly = false;
    this.nextPc = pc + 1;
    this.failed = null;
    this.failure = null;
    for (int m = 0; m < counts.length; m++) {
      counts[m] = 0;
    }
  }

  /**
   * The step rules of PROTOCOLS.md "Conventions" for the step that just ran: a software or lock
   * step touches at most one shared variable, an allocation writes at most one.
   */
  void checkStepRules(Step ran) {
    String broken = footprint.broken(ran, model);
    if (broken != null) {
      throw error(broken);
    }
  }

  /** A load, a read-modify-write or a walk of shared variable {@code id}. */
  private void touchRead(int id) {
    footprint.touch(id);
    footprint.shared();
  }

  /** Whether the step that just ran touched memory but its CPU's waiting stores. */
  boolean stepShared() {
    return footprint.isShared();
  }

  /** Whether the step that just ran touched no shared variable but x, and wrote none. */
  boolean onlyRead(int x) {
    return footprint.onlyRead(x);
  }

  @Override
  public int load(Var v) {
    int id = v.id();
    touchRead(id);
    int value = read(id);
    if (recorder != null) {
      int newest = layout.get(s, id);
      if (arm != null && !readOnly && value != newest
          && arm.mem.waiting.newest(s, thread, id) < 0) {
        recorder.oldRead(id, value, newest);
      } else {
        recorder.read(id, value);
      }
    }
    return value;
  }

  /** What this step sees of variable {@code id}: its own buffered store, else memory. */
  private int read(int id) {
    if (arm != null && !arm.mem.tlbs.isTlb(id)) {
      return arm.load(s, thread, id, step, readOnly);
    }
    int buffered = buffering ? buffers.newest(s, thread, id) : -1;
    return buffered >= 0 ? buffered : layout.get(s, id);
  }

  @Override
  public void store(Var v, int value) {
    int id = v.id();
    checkWrite(v.name(), id, value);
    footprint.touch(id);
    footprint.wrote(id);
    update(id, value);
  }

  @Override
  public boolean cas(Var v, int expect, int update) {
    int id = v.id();
    touchRead(id);
    int value = read(id);
    if (recorder != null) {
      recorder.read(id, value);
    }
    if (value != expect) {
      return false;
    }
    checkWrite(v.name(), id, update);
    footprint.wrote(id);
    update(id, update);
    return true;
  }

  @Override
  public int walk(Var entry, Var tlb) {
    if (arm == null || readOnly) {
      return Ctx.super.walk(entry, tlb);
    }
    Ctx.checkWalk(entry, tlb);
    touchRead(entry.id());
    int value = arm.walk(s, thread, entry.id(), tlb.id());
    int newest = layout.get(s, entry.id());
    if (recorder != null && value != newest) {
      recorder.staleWalk(entry.id(), value, newest);
    } else if (recorder != null) {
      recorder.read(entry.id(), value);
    }
    return value;
  }

  /** A store of this step: into its thread's buffer under x86, else into memory. */
  private void update(int id, int value) {
    if (arm == null || arm.mem.tlbs.isTlb(id)) {
      footprint.shared();
    }
    if (arm != null && arm.mem.tlbs.isTlb(id)) {
      write(id, value);
      arm.walks.tlbWritten(s, id, value);
      return;
    }
    if (arm != null) {
      String before = recorder == null ? null : arm.mem.waiting.describe(s, thread);
      if (arm.store(s, thread, id, value, step)) {
        footprint.shared();
        write(id, value);
      } else if (recorder != null) {
        recorder.buffer(thread, before, arm.mem.waiting.describe(s, thread));
      }
      return;
    }
    if (!buffering) {
      write(id, value);
      return;
    }
    String before = recorder == null ? null : buffers.describe(s, thread);
    buffers.append(s, thread, id, value, appended);
    appended = true;
    if (recorder != null) {
      recorder.buffer(thread, before, buffers.describe(s, thread));
    }
  }

  @Override
  public int get(Reg r) {
    checkOwner(r);
    if (arm != null && !readOnly) {
      arm.readRegister(s, r.id());
    }
    int value = layout.get(s, layout.regBase + r.id());
    if (recorder != null && recordRegisterReads) {
      recorder.read(layout.regBase + r.id(), value);
    }
    return value;
  }

  @Override
  public void set(Reg r, int value) {
    checkOwner(r);
    int f = layout.regBase + r.id();
    checkWrite(r.name(), f, value);
    write(f, value);
    if (arm != null) {
      arm.setRegister(s, r.id());
    }
  }

  /** Writes a field of the bound state, as the recorder hears it. */
  void write(int field, int value) {
    if (recorder != null) {
      recorder.write(field, layout.get(s, field), value);
    }
    layout.set(s, field, value);
  }

  @Override
  public void jump(Label target) {
    if (readOnly) {
      throw error("jumps from a guard; only a step's action may jump");
    }
    nextPc = target.pc();
  }

  @Override
  public void fail(StepAssertion property, String explanation) {
    if (readOnly) {
      throw error("reports a step assertion from a guard");
    }
    if (failed == null) {
      failed = property;
      failure = explanation;
    }
  }

  @Override
  public void count(Metric metric) {
    if (readOnly) {
      throw error("counts toward metric " + metric.id() + " from a guard");
    }
    counts[metric.index()]++;
  }

  @Override
  public int thread() {
    return thread;
  }

  private void checkWrite(String name, int field, int value) {
    if (readOnly) {
      throw error("writes " + name + " while only reading (a guard or a property may not write)");
    }
    if (value < 0 || value >= layout.size[field]) {
      throw error("stores " + value + " into " + name + ", outside its domain of "
          + layout.size[field] + " values (0.." + (layout.size[field] - 1) + ")");
    }
  }

  /** A step uses only its own thread's registers; a property or metric (thread -1) reads any. */
  private void checkOwner(Reg r) {
    if (thread >= 0 && r.thread() != thread) {
      throw error("uses register " + r.name() + " of thread " + model.thread(r.thread()).name()
          + "; registers are thread-local");
    }
  }

  ModelError error(String what) {
    String who = step == null
        ? "a property"
        : "step '" + step.label() + "' of thread " + model.thread(thread).name();
    return new ModelError("model " + model.name() + ": " + who + " " + what);
  }
}
