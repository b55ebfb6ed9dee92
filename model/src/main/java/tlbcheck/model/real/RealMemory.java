package tlbcheck.model.real;

import java.util.Arrays;
import tlbcheck.model.Ctx;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.Reader;
import tlbcheck.model.Reg;
import tlbcheck.model.StateProperty;
import tlbcheck.model.Step;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * A model's shared variables as real shared memory, and its thread programs run on real JVM
 * threads against it: what Lincheck (and jcstress) execute (DESIGN.md "One model, three
 * engines"). Each variable is an element of an {@code int[]} accessed through a VarHandle with
 * the ordering its {@link tlbcheck.model.Access} names; registers are thread-local.
 *
 * <p>Atomicity: the catalogue's unit is the step (a software step is one access or one
 * read-modify-write, a hardware step is atomic as a whole, a lock step tests and takes the lock
 * at once). Each step runs as one critical section of a step lock, so every step is atomic on
 * real memory as it is in the explorer, including the steps written as a load and a store
 * ({@code tlbs_dirty++}, a PTE write into a page-table word) and the hardware walks that read
 * several variables. A step whose guard does not hold waits on the step lock until another
 * step has been taken, and tests again. Invariants are checked after every step, inside the
 * same critical section, so they see a consistent state; final properties once every thread
 * has finished.
 *
 * <p>A choice step takes the alternative a {@link #run} caller's plan names: real threads have
 * no nondeterministic data, so an engine enumerates plans. One instance per execution.
 */
public final class RealMemory {
  private final Model model;
  private final Cells cells;
  private final int[] finished;
  private final Object stepLock = new Object();
  private final Reader reader = new StateReader();
  /**
   * Every step taken, in order, as thread index * MAX_WAYS + alternative: what {@link
   * #schedule()} prints. Written inside the step lock only.
   */
  private int[] taken = new int[64];
  private int takenCount;
  private volatile Violation violation;

  /** The first property an execution broke: its id, text and what broke it. */
  public record Violation(String property, String text, String explanation) {
    @Override
    public String toString() {
      return "VIOLATED " + property + ": " + explanation + " (" + property + ": " + text + ")";
    }
  }

  public RealMemory(Model model) {
    this.model = model;
    cells = new Cells(model);
    finished = new int[model.threads().size()];
  }

  /** The first violation any thread saw, or null. */
  public Violation violation() {
    return violation;
  }

  /**
   * Runs thread {@code t}'s program to its end, or until some thread has seen a violation (its
   * next attempt then ends it). Its k-th choice step takes alternative {@code choices[k]} (0
   * past the plan's end).
   */
  public void run(int t, int[] choices) {
    ThreadDef def = model.thread(t);
    for (int u : def.startsAfter()) {
      awaitFinished(u);
    }
    // A copy of the program this thread alone reads: for a model checker on real memory
    // (Lincheck), each step is then one atomic attempt and nothing else that another thread
    // could interleave with, so no interleaving is spent on the engine's own bookkeeping.
    Step[] program = def.program().toArray(new Step[0]);
    int[] plan = choices.clone();
    ThreadCtx ctx = new ThreadCtx(t);
    int pc = 0;
    int choice = 0;
    while (pc < program.length) {
      Step step = program[pc];
      int way = 0;
      if (step.ways() > 1) {
        way = choice < plan.length ? plan[choice] : 0;
        choice++;
      }
      pc = take(ctx, step, way, pc);
    }
    synchronized (stepLock) {
      finished[t] = 1;
      stepLock.notifyAll();
    }
  }

  /** Waits until thread {@code u} has finished (a scenario's "starts after"). */
  private void awaitFinished(int u) {
    synchronized (stepLock) {
      while (finished[u] == 0) {
        awaitAStep(model.thread(u).name() + " to finish");
      }
    }
  }

  /** Waits, holding the step lock, until some thread has taken a step or finished. */
  private void awaitAStep(String what) {
    try {
      stepLock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  /**
   * Takes one step once its guard holds; returns the next program counter. A thread whose
   * guard does not hold waits on the step lock until another thread has taken a step, rather
   * than spinning: a model checker then never schedules a thread that cannot move, which with
   * spinning waiters (M2's readers behind a queued writer) it took for a livelock.
   */
  private int take(ThreadCtx ctx, Step step, int way, int pc) {
    synchronized (stepLock) {
      int next;
      while ((next = attempt(ctx, step, way, pc)) < 0) {
        awaitAStep("'" + step.way(way).label() + "' to be enabled");
      }
      stepLock.notifyAll();
      return next;
    }
  }

  /**
   * One attempt at a step, called with the step lock held: if its guard holds (or some thread
   * has seen a violation, which ends the run), the next program counter; else -1. An engine
   * that can make a method atomic by itself (Lincheck's treatAsAtomic) names this one, {@link
   * #ATOMIC_STEP}.
   */
  private int attempt(ThreadCtx ctx, Step choice, int way, int pc) {
    if (violation != null) {
      return model.thread(ctx.thread).end();
    }
    Step step = choice.way(way);
    if (step.hasGuard() && !step.enabled(ctx)) {
      return -1;
    }
    ctx.nextPc = pc + 1;
    step.run(ctx);
    if (takenCount == taken.length) {
      taken = Arrays.copyOf(taken, 2 * taken.length);
    }
    taken[takenCount++] = ctx.thread * MAX_WAYS + way;
    checkInvariants();
    return ctx.nextPc;
  }

  /** More alternatives than one choice step of the explorer can have. */
  private static final int MAX_WAYS = 256;

  /**
   * The steps this execution took, in order, each as {@code thread.alternative} (indices from
   * 0, alternative 0 for a plain step), separated by spaces: "1.1 0.0 0.0 2.0". Enough to replay
   * the execution step for step on the model, which is how the explorer confirms what an engine
   * on real memory found.
   */
  public String schedule() {
    synchronized (stepLock) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < takenCount; i++) {
        sb.append(i == 0 ? "" : " ").append(taken[i] / MAX_WAYS).append('.')
            .append(taken[i] % MAX_WAYS);
      }
      return sb.toString();
    }
  }

  /** The name of the method that takes one step atomically. */
  public static final String ATOMIC_STEP = "attempt";

  private void checkInvariants() {
    for (StateProperty p : model.invariants()) {
      report(p, p.check().violation(reader));
    }
  }

  /** Checks the final properties; call once every thread has finished. */
  public void checkFinal() {
    synchronized (stepLock) {
      if (violation == null) {
        for (StateProperty p : model.finalProperties()) {
          report(p, p.check().violation(reader));
        }
      }
    }
  }

  private void report(StateProperty p, String why) {
    if (why != null && violation == null) {
      violation = new Violation(p.id(), p.text(), why);
    }
  }

  /** What properties read: the shared variables and every thread's registers. */
  private final class StateReader implements Reader {
    @Override
    public int load(Var v) {
      return cells.read(v);
    }

    @Override
    public int get(Reg r) {
      return cells.get(r);
    }
  }

  /** One thread's view: its registers, its control flow, its step assertions. */
  private final class ThreadCtx implements Ctx {
    private final int thread;
    private int nextPc;

    ThreadCtx(int thread) {
      this.thread = thread;
    }

    @Override
    public int load(Var v) {
      return cells.read(v);
    }

    @Override
    public void store(Var v, int value) {
      cells.write(v, value);
    }

    @Override
    public boolean cas(Var v, int expect, int update) {
      return cells.cas(v, expect, update);
    }

    @Override
    public int get(Reg r) {
      return cells.get(r);
    }

    @Override
    public void set(Reg r, int value) {
      cells.set(r, value);
    }

    @Override
    public void jump(Label target) {
      nextPc = target.pc();
    }

    @Override
    public void fail(StepAssertion property, String explanation) {
      if (violation == null) {
        violation = new Violation(property.id(), property.text(), explanation);
      }
    }

    /** Metrics are the explorer's: a real execution is one path, not all of them. */
    @Override
    public void count(Metric metric) {
    }

    @Override
    public int thread() {
      return thread;
    }
  }
}
