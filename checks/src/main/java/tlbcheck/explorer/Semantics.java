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
  /** Moves: thread t's alternative w is move {@code moveBase[t] + w}. */
  private final int[] moveBase;
  private final int[] moveThread;
  private final int[] moveWay;

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
    moveBase = new int[n + 1];
    for (int t = 0; t < n; t++) {
      int ways = 1;
      for (Step step : programs[t]) {
        ways = Math.max(ways, step.ways());
      }
      moveBase[t + 1] = moveBase[t] + ways;
    }
    if (moveBase[n] > MAX_MOVES) {
      throw new ModelError("model " + model.name() + ": its threads' choices add up to "
          + moveBase[n] + " moves; the explorer stores a move in a byte, so at most "
          + MAX_MOVES + " (fewer threads, or fewer alternatives per choice)");
    }
    moveThread = new int[moveBase[n]];
    moveWay = new int[moveBase[n]];
    for (int t = 0; t < n; t++) {
      for (int m = moveBase[t]; m < moveBase[t + 1]; m++) {
        moveThread[m] = t;
        moveWay[m] = m - moveBase[t];
      }
    }
  }

  /** A state's parent pointer keeps the move that reached it in one unsigned byte. */
  static final int MAX_MOVES = 256;

  /** How many distinct moves there are: every alternative of every thread. */
  int moves() {
    return moveBase[moveBase.length - 1];
  }

  /** The move of thread {@code t} taking alternative {@code way}. */
  int move(int t, int way) {
    return moveBase[t] + way;
  }

  int threadOf(int move) {
    return moveThread[move];
  }

  int wayOf(int move) {
    return moveWay[move];
  }

  /** How many alternatives thread t's step at {@code pc} offers (pc below the end). */
  int ways(int t, int pc) {
    return programs[t][pc].ways();
  }

  /** Reports every read and write of the following steps to {@code r} (null: none). */
  void record(Recorder r) {
    ctx.recorder = r;
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

  /**
   * Why thread {@code t} cannot move in {@code s}, or null if it can: "finished", "waits for
   * sync to finish", or "blocked at 'spin_lock(mmu_lock)'".
   */
  String blocked(long[] s, int t) {
    int pc = pc(s, t);
    if (pc == end[t]) {
      return "finished";
    }
    int waited = waitsFor(s, t, pc);
    if (waited >= 0) {
      return "waits for " + model.thread(waited).name() + " to finish before it starts";
    }
    Step step = programs[t][pc];
    for (int w = 0; w < step.ways(); w++) {
      if (alternativeEnabled(s, t, step.way(w))) {
        return null;
      }
    }
    return "blocked at '" + step.label() + "'";
  }

  /** What each thread that has not finished in {@code s} waits for: a deadlock's explanation. */
  String deadlock(long[] s) {
    StringBuilder sb = new StringBuilder("no thread can take a step:");
    String sep = " ";
    for (int t = 0; t < threads(); t++) {
      String why = blocked(s, t);
      if (!"finished".equals(why)) {
        sb.append(sep).append(model.thread(t).name()).append(' ').append(why);
        sep = "; ";
      }
    }
    return sb.toString();
  }

  /**
   * Whether thread {@code t} is inside the wait of a lock: its next step is a lock acquisition
   * that is not enabled. What {@link tlbcheck.model.Metric.Kind#WAIT} metrics count.
   */
  boolean waitsForLock(long[] s, int t) {
    int pc = pc(s, t);
    if (pc == end[t] || waitsFor(s, t, pc) >= 0) {
      return false;
    }
    Step step = programs[t][pc];
    return step.kind() == StepKind.LOCK && step.hasGuard() && !alternativeEnabled(s, t, step);
  }

  private boolean alternativeEnabled(long[] s, int t, Step alternative) {
    if (!alternative.hasGuard()) {
      return true;
    }
    ctx.bindReadOnly(s, t, alternative);
    return alternative.enabled(ctx);
  }

  /** A thread that thread t, at {@code pc}, must wait for to finish before it starts, or -1. */
  private int waitsFor(long[] s, int t, int pc) {
    if (pc == 0) {
      for (int u : startsAfter[t]) {
        if (!finished(s, u)) {
          return u;
        }
      }
    }
    return -1;
  }

  /** Whether thread {@code t} can take some step in {@code s}. */
  boolean enabled(long[] s, int t) {
    int pc = pc(s, t);
    if (pc == end[t]) {
      return false;
    }
    for (int w = programs[t][pc].ways() - 1; w >= 0; w--) {
      if (enabled(s, t, pc, w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether thread {@code t}'s alternative {@code way} (0 for a plain step) is enabled. */
  boolean enabled(long[] s, int t, int way) {
    int pc = pc(s, t);
    return pc != end[t] && way < programs[t][pc].ways() && enabled(s, t, pc, way);
  }

  /** {@link #enabled(long[], int, int)} for a thread at {@code pc}, which is not its end. */
  boolean enabled(long[] s, int t, int pc, int way) {
    return waitsFor(s, t, pc) < 0 && alternativeEnabled(s, t, programs[t][pc].way(way));
  }

  /**
   * Takes alternative {@code way} of thread {@code t}'s next step in {@code s}, which must be
   * enabled, changing {@code s} in place; returns the alternative taken. {@link
   * #failedAssertion()} says whether it failed a step assertion.
   */
  Step apply(long[] s, int t, int way) {
    return apply(s, t, pc(s, t), way);
  }

  /** {@link #apply(long[], int, int)} for a caller that knows thread t's program counter. */
  Step apply(long[] s, int t, int pc, int way) {
    Step step = programs[t][pc].way(way);
    ctx.bindForStep(s, t, step, pc);
    if (step.hasGuard() && !step.enabled(ctx)) {
      throw ctx.error("is taken while its guard does not hold");
    }
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

  /** The first invariant {@code s} breaks, with its explanation, or null. */
  Broken brokenInvariant(long[] s) {
    return firstBroken(invariants, s);
  }

  /** The first final property a state where every thread finished breaks, or null. */
  Broken brokenFinal(long[] s) {
    return firstBroken(finals, s);
  }

  /**
   * The property {@code s} breaks as an execution on real memory checks it: the first broken
   * invariant, else, once every thread has finished, the first broken final property; or null.
   */
  Broken broken(long[] s) {
    Broken b = brokenInvariant(s);
    return b == null && allFinished(s) ? brokenFinal(s) : b;
  }

  /** Whether some thread can take a step in {@code s}. */
  boolean anyEnabled(long[] s) {
    for (int t = 0; t < threads(); t++) {
      if (enabled(s, t)) {
        return true;
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
