package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;
import tlbcheck.result.Change;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;

/**
 * Explains a path: replays a list of moves (a thread and the alternative it took) from the initial
 * state through {@link Semantics}, recording each step's label and what it read and wrote. The
 * search stores only parent pointers; this is where the detail is paid for, once, for the one path
 * that is printed (STYLE.md 3).
 */
final class TraceBuilder implements Recorder {
  private final Model model;
  private final Layout layout;
  private final MemoryModel memory;
  /** This step's effects by field, in the order first touched. */
  private final Map<Integer, Change> effects = new LinkedHashMap<>();

  private TraceBuilder(Semantics sem) {
    this.model = sem.model;
    this.layout = sem.layout;
    this.memory = sem.memory;
  }

  /** The trace of {@code moves}, each of which must be enabled where it is taken. */
  static Trace replay(Semantics sem, int[] moves) {
    TraceBuilder b = new TraceBuilder(sem);
    long[] s = sem.layout.initial(sem.model);
    List<TraceStep> steps = new ArrayList<>();
    for (int move : moves) {
      int t = sem.threadOf(move);
      int way = sem.wayOf(move);
      if (!sem.enabled(s, t, way)) {
        throw new IllegalStateException("move " + steps.size() + " (thread "
            + sem.model.thread(t).name() + ") is not enabled: the search and the replay disagree");
      }
      steps.add(step(sem, b, s, t, way));
    }
    return trace(sem, s, steps);
  }

  /** A recorder for {@link #step}. */
  static TraceBuilder recorder(Semantics sem) {
    return new TraceBuilder(sem);
  }

  /**
   * Takes thread {@code t}'s enabled alternative {@code way} in {@code s}, in place, and
   * returns it as a trace step with what it read and wrote.
   */
  static TraceStep step(Semantics sem, TraceBuilder b, long[] s, int t, int way) {
    b.effects.clear();
    sem.record(b);
    try {
      String label = sem.label(s, t, way);
      sem.apply(s, t, way);
      return new TraceStep(t, label, new ArrayList<>(b.effects.values()));
    } finally {
      sem.record(null);
    }
  }

  /**
   * What a thread's blocked step reads in {@code s}, as "mmu_lock == locked": why it is
   * blocked, in the state's own terms.
   */
  static String guardReads(Semantics sem, long[] s, int t) {
    TraceBuilder b = new TraceBuilder(sem);
    sem.record(b);
    try {
      Blocking.blocked(sem, s, t);
    } finally {
      sem.record(null);
    }
    return b.effects.values().stream().map(Change::toString)
        .collect(Collectors.joining(", "));
  }

  /** The trace of {@code steps}, which led to {@code s}. */
  static Trace trace(Semantics sem, long[] s, List<TraceStep> steps) {
    List<Change> finalState = new ArrayList<>();
    for (Var v : sem.model.vars()) {
      finalState.add(Change.read(v.name(), v.domain().name(sem.layout.get(s, v.id()))));
    }
    // The registers a broken property reads (what a thread holds) belong to its evidence.
    TraceBuilder reads = new TraceBuilder(sem);
    if (sem.explain(s, reads) != null) {
      reads.effects.forEach((field, change) -> {
        if (field >= sem.layout.regBase) {
          finalState.add(change);
        }
      });
    }
    List<String> names = sem.model.threads().stream().map(ThreadDef::name).toList();
    return new Trace(ModelRef.of(sem.model, sem.memory.id()), names, steps, finalState);
  }

  @Override
  public void read(int field, int value) {
    // A read after this step's own write, or a second read, adds nothing.
    effects.putIfAbsent(field, Change.read(name(field), domain(field).name(value)));
  }

  @Override
  public void oldRead(int field, int value, int newest) {
    effects.putIfAbsent(field, Change.read(name(field), domain(field).name(value)
        + " (read early: memory holds " + domain(field).name(newest) + ")"));
  }

  @Override
  public void staleWalk(int field, int value, int newest) {
    // What the walk read says more than a read of the newest value in the same step.
    effects.put(field, Change.read(name(field), domain(field).name(value)
        + " (walk reads an old entry: memory holds " + domain(field).name(newest) + ")"));
  }

  @Override
  public void write(int field, int before, int after) {
    Change first = effects.get(field);
    String from = first == null ? domain(field).name(before) : first.before();
    effects.put(field, Change.write(name(field), from, domain(field).name(after)));
  }

  @Override
  public void buffer(int thread, String before, String after) {
    // Keyed below every field, one key per thread's buffer.
    int key = -1 - thread;
    Change first = effects.get(key);
    // Under arm64 a CPU's writes, TLBIs and loads that read late wait in one list.
    String what = memory != MemoryModel.ARM64 ? "'s store buffer" : "'s accesses not yet done";
    effects.put(key, Change.write(model.thread(thread).name() + what,
        first == null ? before : first.before(), after));
  }

  /** A variable's name, or a register's with its thread's: {@code zapper.flush}. */
  private String name(int field) {
    if (field < layout.pcBase) {
      return model.vars().get(field).name();
    }
    Reg r = model.regs().get(field - layout.regBase);
    return model.thread(r.thread()).name() + "." + r.name();
  }

  private Domain domain(int field) {
    return field < layout.pcBase ? model.vars().get(field).domain()
        : model.regs().get(field - layout.regBase).domain();
  }
}
