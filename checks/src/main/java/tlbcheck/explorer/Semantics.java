package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reader;
import tlbcheck.model.StateProperty;
import tlbcheck.model.StepKind;
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
  final Layout layout;
  private final PackedContext ctx;
  private final Step[][] programs;
  private final int[] end;
  private final int[][] startsAfter;
  private final StateProperty[] invariants;
  private final StateProperty[] finals;
  private final MoveTable moves;

  Semantics(Model model) {
    this.model = model;
    this.layout = Layout.of(model);
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
    invariants = model.invariants().toArray(new StateProperty[0]);
    finals = model.finalProperties().toArray(new StateProperty[0]);
    moves = new MoveTable(model);
  }

  /** How many distinct moves there are: every alternative of every thread. */
  int moves() {
    return moves.size();
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

  /**
   * The sum of all program counters: the state store's partition key. Every step moves one
   * program counter forward, so states a breadth-first level reaches have nearby sums.
   */
  int pcSum(long[] s) {
    int sum = 0;
    for (int t = 0; t < programs.length; t++) {
      sum += pc(s, t);
    }
    return sum;
  }

  /** One more than the largest {@link #pcSum}. */
  int pcSumBound() {
    int bound = 1;
    for (int e : end) {
      bound += e;
    }
    return bound;
  }

  int pc(long[] s, int t) {
    return layout.get(s, layout.pcBase + t);
  }

  boolean finished(long[] s, int t) {
    return pc(s, t) == end[t];
  }

  boolean allFinished(long[] s) {
    for (int t = 0; t < programs.length; t++) {
      if (!finished(s, t)) {
        return false;
      }
    }
    return true;
  }

  private boolean alternativeEnabled(long[] s, int t, Step alternative) {
    if (!alternative.hasGuard()) {
      return true;
    }
    ctx.bindReadOnly(s, t, alternative);
    return alternative.enabled(ctx);
  }

  /** A thread that thread t, at {@code pc}, must wait for to finish before it starts, or -1. */
  int waitsFor(long[] s, int t, int pc) {
    if (pc == 0) {
      for (int u : startsAfter[t]) {
        if (!finished(s, u)) {
          return u;
        }
      }
    }
    return -1;
  }

  /** Whether thread {@code t}'s alternative {@code way} (0 for a plain step) is enabled. */
  boolean enabled(long[] s, int t, int way) {
    int pc = pc(s, t);
    return pc != end[t] && way < programs[t][pc].ways() && waitsFor(s, t, pc) < 0
        && alternativeEnabled(s, t, programs[t][pc].way(way));
  }

  /**
   * The moves enabled in {@code s}, into {@code out} in canonical order (thread, then
   * alternative), each guard evaluated once; returns how many. The one place that enumerates a
   * state's moves: the search, the metric pass and every listener see these. {@code out} needs
   * {@link #moves()} entries.
   */
  int enabledMoves(long[] s, int[] out) {
    int n = 0;
    for (int t = 0; t < programs.length; t++) {
      int pc = pc(s, t);
      if (pc == end[t] || waitsFor(s, t, pc) >= 0) {
        continue;
      }
      Step step = programs[t][pc];
      for (int w = 0; w < step.ways(); w++) {
        if (alternativeEnabled(s, t, step.way(w))) {
          out[n++] = moves.move(t, w);
        }
      }
    }
    return n;
  }

  /**
   * Takes alternative {@code way} of thread {@code t}'s next step in {@code s}, checking that it
   * is enabled, changing {@code s} in place; returns the alternative taken. {@link
   * #failedAssertion()} says whether it failed a step assertion. For replays, which take moves
   * they did not enumerate.
   */
  Step apply(long[] s, int t, int way) {
    int pc = pc(s, t);
    Step step = programs[t][pc].way(way);
    ctx.bindForStep(s, t, step, pc);
    if (step.hasGuard() && !step.enabled(ctx)) {
      throw ctx.error("is taken while its guard does not hold");
    }
    return run(s, t, step);
  }

  /**
   * Takes {@code move}, which {@link #enabledMoves} found enabled in {@code s}, in place,
   * without evaluating its guard again; returns the alternative taken.
   */
  Step applyEnabled(long[] s, int move) {
    int t = moves.threadOf(move);
    int pc = pc(s, t);
    Step step = programs[t][pc].way(moves.wayOf(move));
    ctx.bindForStep(s, t, step, pc);
    return run(s, t, step);
  }

  private Step run(long[] s, int t, Step step) {
    try {
      step.run(ctx);
    } catch (ModelError e) {
      // A primitive (a lock, a refcount) states the fault; this names where it happened.
      throw e.located() ? e : ctx.error("breaks a rule: " + e.getMessage());
    }
    if (ctx.secondTouched() >= 0
        && (step.kind() == StepKind.SOFTWARE || step.kind() == StepKind.LOCK)) {
      throw ctx.error("touches two shared variables, " + model.vars().get(ctx.firstTouched())
          + " and " + model.vars().get(ctx.secondTouched()) + "; a software step may touch one "
          + "(a load, a store or one read-modify-write), or be one lock operation "
          + "(PROTOCOLS.md Conventions). Split it, or declare it a hardware step if the "
          + "hardware makes it atomic");
    }
    if (ctx.secondWritten() >= 0 && step.kind() == StepKind.ALLOCATOR) {
      throw ctx.error("writes two shared variables, " + model.vars().get(ctx.firstWritten())
          + " and " + model.vars().get(ctx.secondWritten()) + "; an allocation may read every "
          + "slot but takes, and writes, one");
    }
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
    Broken b = firstBroken(invariants, s);
    return b == null && finished ? firstBroken(finals, s) : b;
  }

  /** Whether some thread can take a step in {@code s}. */
  boolean anyEnabled(long[] s) {
    for (int t = 0; t < threads(); t++) {
      for (int w = 0; pc(s, t) != end[t] && w < programs[t][pc(s, t)].ways(); w++) {
        if (enabled(s, t, w)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Binds the read-only view properties and metric conditions see to state {@code s}. */
  Reader reader(long[] s) {
    ctx.bindReadOnly(s, -1, null);
    return ctx;
  }

  private Broken firstBroken(StateProperty[] properties, long[] s) {
    for (StateProperty p : properties) {
      ctx.bindReadOnly(s, -1, null);
      String why = p.check().violation(ctx);
      if (why != null) {
        return new Broken(p.id(), p.text(), why);
      }
    }
    return null;
  }

  /** A property a state or step breaks: its id, its text, and why. */
  record Broken(String property, String text, String explanation) {}
}
