package tlbcheck.engine;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import tlbcheck.model.Model;
import tlbcheck.model.real.RealMemory;

/**
 * The class Lincheck's operation-based API instantiates once per invocation: a fresh
 * {@link RealMemory} of the model under test, one operation that runs one model thread, and a
 * validation that fails on the first property any thread broke. Lincheck creates instances
 * reflectively, so the model and the choice plan under test are set, for the duration of one
 * {@link LincheckEngine} run, in static fields. Public because Lincheck requires it.
 */
public final class LincheckHarness {
  static volatile Model model;
  static volatile int[][] plan;
  static volatile long invocations;

  private final RealMemory memory = new RealMemory(model);

  public LincheckHarness() {
    invocations++;
  }

  /** Runs model thread {@code t} to its end: its steps, with the plan's choices. */
  @Operation
  public void thread(int t) {
    memory.run(t, plan[t]);
  }

  /**
   * Final properties, then the first violation of the execution, if any, fails it, with the
   * steps the execution took, for the explorer to replay.
   */
  @Validate
  public void properties() {
    memory.checkFinal();
    RealMemory.Violation v = memory.violation();
    if (v != null) {
      throw new AssertionError(v + "\n" + LincheckEngine.SCHEDULE + memory.schedule());
    }
  }

  /**
   * Lincheck checks each execution's results against a sequential specification; a model
   * thread returns nothing, so every order of them is linearizable and only the validation
   * above decides.
   */
  public static final class NoSpecification {
    public void thread(int t) {
    }
  }
}
