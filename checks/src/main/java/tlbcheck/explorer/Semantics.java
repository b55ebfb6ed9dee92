package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reader;
import tlbcheck.model.Step;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadDef;

/**
 * The transition relation of a model over packed states: which threads are enabled, what one
 * step of a thread does, and which properties a state breaks. The explorer and trace replay
 * both go through it, so a replayed trace takes exactly the steps the search took.
 *
 * <p>Not thread-safe (it owns one {@link PackedContext}).
 */
final class Semantics {
  final Model model;
  final MemoryModel memory;
  final Layout layout;
  /** The store buffers under x86, else null. */
  private final StoreBuffers buffers;
  private final PackedContext ctx;
  private final Step[][] programs;
  private final int[] end;
  private final int[][] startsAfter;
  private final Judge judge;
  final MoveTable moves;
  private final Enabling enabling;
  /** The writes that have not reached memory (x86, arm64). */
  final WaitingWrites waiting;
  /** The state store's partition key of a state. */
  final PartitionKeys keys;

  Semantics(Model model, MemoryModel memory) {
    this(model, memory, Layout.of(model, memory));
  }

  /** Semantics over {@code layout}, whose store buffers may have less room than the bound. */
  Semantics(Model model, MemoryModel memory, Layout layout) {
    this.model = model;
    this.memory = memory;
    this.layout = layout;
    this.buffers = layout.buffers;
    this.ctx = new PackedContext(model, layout);
    int n = model.threads().size();
    programs = new Step[n][];
    end = new int[n];
    startsAfter = new int[n][];
    for (ThreadDef t : model.threads()) {
      programs[t.index()] = t.program().toArray(new Step[0]);
      end[t.index()] = t.end();
      startsAfter[t.index()] = t.startsAfter();
    }
    judge = new Judge(model, ctx);
    int[] commits = new int[n];
    boolean arm = layout.arm != null;
    for (int t = 0; t < n; t++) {
      commits[t] = buffers != null ? 1 : arm ? layout.arm.waiting.room(t) : 0;
    }
    moves = new MoveTable(model, commits, arm ? layout.arm.cap + 1 : 1, arm);
    if (ctx.arm != null) {
      ctx.arm.choices = moves.choices();
    }
    waiting = new WaitingWrites(buffers, ctx, moves, layout, model);
    enabling = new Enabling(this, ctx, programs, end, startsAfter, moves);
    keys = new PartitionKeys(this, end, waiting);
  }

  /** Semantics of the same model and memory, with a context of its own (for a worker). */
  Semantics copy() {
    return new Semantics(model, memory, layout);
  }

  /** Thread t's first way past its steps' (x86: its drain), or -1 under sc. */
  int drainWay(int t) {
    return moves.drainWay(t);
  }

  /** Whether {@code way} is past thread t's steps': a waiting entry's, or a late load's. */
  boolean isDrain(int t, int way) {
    return moves.drainWay(t) >= 0 && way >= moves.drainWay(t);
  }

  /** The alternative of thread t's step that {@code way} takes (under arm64, with a choice). */
  int alternative(int way) {
    return way / moves.choices();
  }

  /** The label of thread t's {@code way} in {@code s}: its step's, or its waiting entry's. */
  String label(long[] s, int t, int way) {
    return isDrain(t, way) ? waiting.label(s, t, way, pc(s, t))
        : programs[t][pc(s, t)].way(alternative(way)).label();
  }

  /** The move of thread {@code t} taking alternative {@code way}. */
  int move(int t, int way) {
    return moves.move(t, way);
  }

  int threadOf(int move) {
    return moves.threadOf(move);
  }

  int wayOf(int move) {
    return moves.wayOf(move);
  }

  /** How many alternatives thread t's step at {@code pc} offers (pc below the end). */
  int ways(int t, int pc) {
    return programs[t][pc].ways();
  }

  /** Reports every read and write of the following steps to {@code r} (null: none). */
  void record(Recorder r) {
    ctx.recorder = r;
    ctx.recordRegisterReads = false;
  }

  /** Reports to {@code r} what the property {@code s} breaks reads, registers included. */
  Broken explain(long[] s, Recorder r) {
    ctx.recorder = r;
    ctx.recordRegisterReads = true;
    try {
      return broken(s);
    } finally {
      record(null);
    }
  }

  int threads() {
    return programs.length;
  }

  int pc(long[] s, int t) {
    return layout.get(s, layout.pcBase + t);
  }

  boolean finished(long[] s, int t) {
    return pc(s, t) == end[t];
  }

  /** Whether every thread has finished and, under x86, every store has reached memory. */
  boolean allFinished(long[] s) {
    for (int t = 0; t < programs.length; t++) {
      if (!finished(s, t) || waiting.pending(s, t)) {
        return false;
      }
    }
    return true;
  }

  /** A thread that thread t, at {@code pc}, must wait for to finish before it starts, or -1. */
  int waitsFor(long[] s, int t, int pc) {
    return enabling.waitsFor(s, t, pc);
  }

  /** Whether thread {@code t}'s alternative {@code way} (0 for a plain step) is enabled. */
  boolean enabled(long[] s, int t, int way) {
    return enabling.enabled(s, t, way);
  }

  /**
   * The moves enabled in {@code s}, into {@code out} ({@code moves.size()} long) in canonical
   * order; returns how many. The one place that enumerates a state's moves, for every caller.
   */
  int enabledMoves(long[] s, int[] out) {
    return enabling.enabledMoves(s, out);
  }

  /** Whether some thread can take a step in {@code s}. */
  boolean anyEnabled(long[] s) {
    return enabling.anyEnabled(s);
  }

  /**
   * Takes alternative {@code way} of thread {@code t}'s next step in {@code s}, checking that it
   * is enabled, changing {@code s} in place; returns the alternative taken. For replays, which
   * take moves they did not enumerate.
   */
  Step apply(long[] s, int t, int way) {
    if (isDrain(t, way) ? !waiting.committable(s, t, way, pc(s, t))
        : programs[t][pc(s, t)].way(alternative(way)).hasGuard() && !enabled(s, t, way)) {
      throw new IllegalStateException("thread " + model.thread(t).name() + " takes a move that "
          + "is not enabled: " + label(s, t, way));
    }
    return take(s, t, way);
  }

  /**
   * Takes {@code move}, which {@link #enabledMoves} found enabled in {@code s}, in place,
   * without evaluating its guard again; returns the alternative taken.
   */
  Step applyEnabled(long[] s, int move) {
    int t = moves.threadOf(move);
    int way = moves.wayOf(move);
    if (ctx.arm == null || isDrain(t, way)) {
      return take(s, t, way);
    }
    ctx.arm.admit(way % moves.choices());
    try {
      return take(s, t, way);
    } finally {
      ctx.arm.tried();
    }
  }

  /**
   * Takes thread t's {@code way}; under arm64 a move that cannot be taken now (a choice past
   * its last candidate, a barrier that waits) throws {@link ArmRules.Blocked}: drop {@code s}.
   */
  private Step take(long[] s, int t, int way) {
    if (isDrain(t, way)) {
      return waiting.take(s, t, way, pc(s, t));
    }
    int pc = pc(s, t);
    Step step = programs[t][pc].way(alternative(way));
    ctx.bindForStep(s, t, step, pc);
    if (ctx.arm != null) {
      ctx.arm.before(s, t, step, way % moves.choices());
    }
    Step ran = run(s, t, step);
    if (ctx.arm != null) {
      ctx.arm.after(s);
      // ArmMemory drops writes by what each thread's program has left to run: forward only.
      if (ctx.nextPc <= pc) {
        throw ctx.error("jumps back; under arm64 a program runs forward only (for now)");
      }
      layout.arm.collect(s);
    }
    return ran;
  }

  private Step run(long[] s, int t, Step step) {
    try {
      if (!waiting.deferred(s, t, ctx.nextPc - 1, step)) {
        step.run(ctx);
      }
    } catch (ModelError e) {
      // A primitive (a lock, a refcount) states the fault; this names where it happened.
      throw e.located() ? e : ctx.error("breaks a rule: " + e.getMessage());
    }
    ctx.checkStepRules(step);
    layout.set(s, layout.pcBase + t, ctx.nextPc);
    return step;
  }

  /** How many times the last {@link #apply} counted toward each metric, by metric index. */
  int[] counts() {
    return ctx.counts;
  }

  /** Where the last {@link #apply} left its thread's program counter. */
  int nextPc() {
    return ctx.nextPc;
  }

  /** Whether the last {@link #apply} touched memory but its CPU's waiting stores. */
  boolean lastStepShared() {
    return ctx.stepShared();
  }

  /** The step assertion the last {@link #apply} failed, or null. */
  StepAssertion failedAssertion() {
    return ctx.failed;
  }

  String failure() {
    return ctx.failure;
  }

  /**
   * The property {@code s} breaks: the first broken invariant, else, once every thread has
   * finished, the first broken final property; or null. The one place that decides which
   * property ends a state, for the search, its listeners and replays alike.
   */
  Broken broken(long[] s) {
    return broken(s, allFinished(s));
  }

  /** {@link #broken(long[])} for a caller that knows whether every thread has finished. */
  Broken broken(long[] s, boolean finished) {
    return judge.broken(s, finished);
  }

  /** Binds the read-only view properties and metric conditions see to state {@code s}. */
  Reader reader(long[] s) {
    ctx.bindReadOnly(s, -1, null);
    return ctx;
  }

  /** A property a state or step breaks: its id, its text, and why. */
  record Broken(String property, String text, String explanation) {}
}
