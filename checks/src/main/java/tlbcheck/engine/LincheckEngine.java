package tlbcheck.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import tlbcheck.explorer.Replay;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.real.RealMemory;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Replayed;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The Lincheck engine (DESIGN.md "Lincheck and jcstress"): Lincheck's model checker runs the
 * model's own thread programs on real JVM threads over {@link RealMemory}, and explores their
 * interleavings with its own scheduler. An independent second verdict: nothing of the explorer
 * is used but the model.
 *
 * <p>Choice steps (a vCPU touching any page) are data, not scheduling, and Lincheck explores
 * only schedules: each choice plan (which alternative each choice step takes) is a Lincheck
 * test of its own, given {@code invocations} invocations. Plans are tried in the order given;
 * the run stops at the first violation. Not thread-safe.
 */
public final class LincheckEngine {
  private final Model model;

  public LincheckEngine(Model model) {
    this.model = model;
  }

  /**
   * What Lincheck found: a violation, with Lincheck's own trace and the explorer's replay of the
   * execution's schedule on the model, or none; and what it cost.
   */
  public record Result(RealMemory.Violation violation, String trace, Replayed replayed,
      int plansTried, long invocations, long nanos) {
    /**
     * The verdict in the explorer's words: "safe", or "violates P1" when the replay on the
     * model breaks the same property; anything else is a disagreement between the model and
     * its execution on real memory, "unconfirmed P1".
     */
    public String label() {
      if (violation == null) {
        return "safe";
      }
      return confirmed() ? "violates " + violation.property()
          : "unconfirmed " + violation.property();
    }

    /** Whether the explorer's replay of Lincheck's schedule breaks the property Lincheck saw. */
    public boolean confirmed() {
      return replayed instanceof Replayed.Violation v
          && v.verdict().property().equals(violation.property());
    }

    /**
     * Whether Lincheck agrees with the catalogue: it passes a safe variant, and catches a buggy
     * one with a violation the model confirms. The property may be another than the one the
     * explorer's shortest trace breaks: a buggy protocol often breaks several, and Lincheck
     * searches in another order (M2's plain increment breaks P2b and P2c).
     */
    public boolean agreesWith(Expectation expected) {
      return expected.safe() ? violation == null : confirmed();
    }
  }

  /**
   * Every choice plan of the model, in lexicographic order of the choices of thread 0, then
   * thread 1, ...: the product of the ways of every choice step, one alternative index per
   * choice step executed, per thread. A model without choices has one, empty, plan.
   */
  public List<int[][]> plans() {
    List<int[]> ways = new ArrayList<>();
    for (ThreadDef t : model.threads()) {
      ways.add(t.choiceWays());
    }
    List<int[][]> plans = new ArrayList<>();
    int[][] plan = new int[ways.size()][];
    for (int t = 0; t < plan.length; t++) {
      plan[t] = new int[ways.get(t).length];
    }
    while (true) {
      int[][] copy = new int[plan.length][];
      for (int t = 0; t < plan.length; t++) {
        copy[t] = plan[t].clone();
      }
      plans.add(copy);
      if (!advance(plan, ways)) {
        return plans;
      }
    }
  }

  /** The next plan in lexicographic order (the last thread's last choice varies fastest). */
  private static boolean advance(int[][] plan, List<int[]> ways) {
    for (int t = plan.length - 1; t >= 0; t--) {
      for (int k = plan[t].length - 1; k >= 0; k--) {
        if (++plan[t][k] < ways.get(t)[k]) {
          return true;
        }
        plan[t][k] = 0;
      }
    }
    return false;
  }

  /**
   * Lincheck's verdict on the model, next to the explorer's {@code explorer} result: the plans
   * tried are the explorer counterexample's choices, if it found one, then the first {@code
   * maxPlans} plans in {@link #plans()} order; each gets {@code invocations} invocations.
   */
  public Result check(CheckResult explorer, int invocations, int maxPlans) {
    List<int[][]> plans = new ArrayList<>();
    if (explorer.verdict() instanceof Verdict.Violated v) {
      plans.add(planOf(v.trace()));
    }
    for (int[][] plan : plans()) {
      if (plans.size() >= maxPlans) {
        break;
      }
      if (plans.stream().noneMatch(p -> Arrays.deepEquals(p, plan))) {
        plans.add(plan);
      }
    }
    return run(plans, invocations);
  }

  /** Runs Lincheck on each plan with {@code invocations} invocations, until a violation. */
  public Result run(List<int[][]> plans, int invocations) {
    long start = System.nanoTime();
    long total = 0;
    int tried = 0;
    synchronized (LincheckHarness.class) {
      try {
        LincheckHarness.model = model;
        for (int[][] plan : plans) {
          tried++;
          LincheckHarness.plan = plan;
          LincheckHarness.invocations = 0;
          try {
            options(invocations).check(LincheckHarness.class);
          } catch (LincheckAssertionError e) {
            String report = e.getMessage();
            return new Result(violation(report), report, Replay.run(model, schedule(report)),
                tried, total + LincheckHarness.invocations, System.nanoTime() - start);
          }
          total += LincheckHarness.invocations;
        }
        return new Result(null, null, null, tried, total, System.nanoTime() - start);
      } finally {
        LincheckHarness.model = null;
        LincheckHarness.plan = null;
      }
    }
  }

  /**
   * Lincheck's model checker on exactly one scenario, every model thread in parallel, with each
   * step atomic (no switch point inside {@code RealMemory.attempt}: the catalogue's unit of
   * atomicity, and far fewer interleavings to try than one per memory access).
   */
  private ModelCheckingOptions options(int invocations) {
    int threads = model.threads().size();
    KFunction<?> thread = thread();
    return new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(invocations)
        .addCustomScenario(b -> {
          b.parallel(p -> {
            for (int t = 0; t < threads; t++) {
              int index = t;
              p.thread(th -> {
                th.actor(thread, index);
                return Unit.INSTANCE;
              });
            }
            return Unit.INSTANCE;
          });
          return Unit.INSTANCE;
        })
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(RealMemory.class.getName())
            .methods(RealMemory.ATOMIC_STEP).treatAsAtomic())
        .sequentialSpecification(LincheckHarness.NoSpecification.class)
        .loopIterationsBeforeThreadSwitch(LOOP_ITERATIONS_BEFORE_SWITCH)
        .minimizeFailedScenario(false);
  }

  /**
   * Lincheck takes a loop that has run this many iterations without a switch for a spin loop
   * and forces a switch to another thread (its default is 10). A model thread's program is
   * such a loop, one iteration per step, so at the default no thread ever ran 10 steps in a
   * row, and M4 range-too-small, whose coalescer must run its 11 steps between a vCPU's two
   * accesses, was never caught in 60,000 invocations; with the bound lifted it is caught in
   * under 100. A thread that waits does not loop: it blocks on the step lock.
   */
  private static final int LOOP_ITERATIONS_BEFORE_SWITCH = 100_000;

  /**
   * The violation Lincheck's report names: the harness's validation throws {@link
   * RealMemory.Violation#toString()}, "VIOLATED P1: why (P1: text)", which the report quotes.
   * (Lincheck restores static state after an invocation, so the harness cannot hand it over.)
   */
  private static RealMemory.Violation violation(String report) {
    Matcher m = VIOLATION.matcher(report);
    if (!m.find()) {
      throw new IllegalStateException("Lincheck failed for a reason other than a property: "
          + report);
    }
    return new RealMemory.Violation(m.group(1), m.group(3), m.group(2));
  }

  /** The moves of the failing execution's schedule line, which the validation writes. */
  private static List<Replay.Move> schedule(String report) {
    Matcher m = SCHEDULE_LINE.matcher(report);
    if (!m.find()) {
      throw new IllegalStateException("Lincheck's report lacks the execution's schedule: "
          + report);
    }
    List<Replay.Move> moves = new ArrayList<>();
    for (String move : m.group(1).trim().split(" +")) {
      if (!move.isEmpty()) {
        int dot = move.indexOf('.');
        moves.add(new Replay.Move(Integer.parseInt(move.substring(0, dot)),
            Integer.parseInt(move.substring(dot + 1))));
      }
    }
    return moves;
  }

  /** How the harness's validation prefixes {@link RealMemory#schedule()} in its failure. */
  static final String SCHEDULE = "schedule: ";

  private static final Pattern SCHEDULE_LINE =
      Pattern.compile("^" + SCHEDULE + "([0-9. ]*)$", Pattern.MULTILINE);

  private static final Pattern VIOLATION =
      Pattern.compile("VIOLATED (\\S+): (.*) \\(\\1: (.*)\\)$", Pattern.MULTILINE);

  /**
   * The choice plan of an explorer trace: for each thread, the alternative each of its choice
   * steps took, found by label (alternatives of one choice have distinct labels, and only
   * choice steps carry them). Lincheck tries it first, so a violation that needs certain data
   * is looked for with that data; the schedule is still Lincheck's to find.
   */
  public int[][] planOf(Trace trace) {
    int[][] plan = new int[model.threads().size()][];
    for (ThreadDef t : model.threads()) {
      List<Step> choices = t.program().stream().filter(s -> s.ways() > 1).toList();
      plan[t.index()] = new int[choices.size()];
      int k = 0;
      for (TraceStep step : trace.steps()) {
        if (step.thread() != t.index() || k == choices.size()) {
          continue;
        }
        Step choice = choices.get(k);
        for (int w = 0; w < choice.ways(); w++) {
          if (choice.way(w).label().equals(step.label())) {
            plan[t.index()][k++] = w;
            break;
          }
        }
      }
    }
    return plan;
  }

  private static KFunction<?> thread() {
    try {
      return ReflectJvmMapping.getKotlinFunction(
          LincheckHarness.class.getMethod("thread", int.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("LincheckHarness.thread(int) is missing", e);
    }
  }
}
