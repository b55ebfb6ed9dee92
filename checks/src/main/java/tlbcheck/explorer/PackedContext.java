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
  private long[] s;
  private int thread;
  private Step step;
  private boolean readOnly;
  private int touched;
  private int secondTouched;
  private int written;
  private int secondWritten;
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
    this.counts = new int[model.metrics().size()];
  }

  /** Binds to state {@code s} to evaluate properties or guards: stores are errors. */
  void bindReadOnly(long[] s, int thread, Step step) {
    this.s = s;
    this.thread = thread;
    this.step = step;
    this.readOnly = true;
    this.touched = -1;
    this.secondTouched = -1;
    this.written = -1;
    this.secondWritten = -1;
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

  /** The second shared variable a step touched, or -1 if it touched at most one. */
  int secondTouched() {
    return secondTouched;
  }

  int firstTouched() {
    return touched;
  }

  /** The second shared variable a step wrote, or -1 if it wrote at most one. */
  int secondWritten() {
    return secondWritten;
  }

  int firstWritten() {
    return written;
  }

  private void touch(int id) {
    if (touched < 0) {
      touched = id;
    } else if (touched != id && secondTouched < 0) {
      secondTouched = id;
    }
  }

  private void wrote(int id) {
    if (written < 0) {
      written = id;
    } else if (written != id && secondWritten < 0) {
      secondWritten = id;
    }
  }

  @Override
  public int load(Var v) {
    int id = v.id();
    touch(id);
    int value = layout.get(s, id);
    if (recorder != null) {
      recorder.read(id, value);
    }
    return value;
  }

  @Override
  public void store(Var v, int value) {
    int id = v.id();
    checkWrite(v.name(), id, value);
    touch(id);
    wrote(id);
    write(id, value);
  }

  @Override
  public boolean cas(Var v, int expect, int update) {
    int id = v.id();
    touch(id);
    int value = layout.get(s, id);
    if (recorder != null) {
      recorder.read(id, value);
    }
    if (value != expect) {
      return false;
    }
    checkWrite(v.name(), id, update);
    wrote(id);
    write(id, update);
    return true;
  }

  @Override
  public int get(Reg r) {
    checkOwner(r);
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
  }

  private void write(int field, int value) {
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
