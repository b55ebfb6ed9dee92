package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * One concrete model: a protocol's variant and scenario at fixed parameters, with its shared
 * variables, threads and properties. It knows nothing of how it is explored (STYLE.md 1): the
 * explorer, Lincheck and jcstress all run it through {@link Ctx}.
 *
 * <p>Built and validated by {@link ModelBuilder#build()}: a model that exists is well formed.
 * Immutable and thread-safe.
 */
public final class Model {
  private final String protocol;
  private final String variant;
  private final String scenario;
  private final ImmutableMap<String, Integer> params;
  private final ImmutableList<Var> vars;
  private final ImmutableList<ThreadDef> threads;
  private final ImmutableList<Invariant> invariants;
  private final ImmutableList<StepAssertion> stepAssertions;
  private final ImmutableList<FinalProperty> finals;
  private final ImmutableList<Reg> regs;
  private final ImmutableList<Metric> metrics;
  private final ImmutableList<Symmetric> symmetries;

  /** The parts a {@link ModelBuilder} has validated. */
  Model(String protocol, String variant, String scenario, Map<String, Integer> params,
      List<Var> vars, List<ThreadDef> threads, List<Invariant> invariants,
      List<StepAssertion> stepAssertions, List<FinalProperty> finals, int regCount,
      List<Metric> metrics, List<Symmetric> symmetries) {
    this.protocol = protocol;
    this.variant = variant;
    this.scenario = scenario;
    this.params = ImmutableMap.copyOf(params);
    this.vars = ImmutableList.copyOf(vars);
    this.threads = ImmutableList.copyOf(threads);
    this.invariants = ImmutableList.copyOf(invariants);
    this.stepAssertions = ImmutableList.copyOf(stepAssertions);
    this.finals = ImmutableList.copyOf(finals);
    Reg[] all = new Reg[regCount];
    for (ThreadDef t : threads) {
      for (Reg r : t.regs()) {
        all[r.id()] = r;
      }
    }
    this.regs = ImmutableList.copyOf(all);
    this.metrics = ImmutableList.copyOf(metrics);
    this.symmetries = ImmutableList.copyOf(symmetries);
  }

  /** A copy of {@code m} with other threads and symmetries. */
  private Model(Model m, List<ThreadDef> threads, List<Symmetric> symmetries) {
    this.protocol = m.protocol;
    this.variant = m.variant;
    this.scenario = m.scenario;
    this.params = m.params;
    this.vars = m.vars;
    this.threads = ImmutableList.copyOf(threads);
    this.invariants = m.invariants;
    this.stepAssertions = m.stepAssertions;
    this.finals = m.finals;
    this.regs = m.regs;
    this.metrics = m.metrics;
    this.symmetries = ImmutableList.copyOf(symmetries);
  }

  /**
   * This model with other threads (the same names, in the same order) and symmetries: how an
   * engine states a variation of the model it runs (a race's start order, a necessity mutant).
   * The start order must stay acyclic.
   */
  public Model withThreads(List<ThreadDef> newThreads, List<Symmetric> newSymmetries) {
    ModelValidation.checkStartOrderIsAcyclic("model " + name(), newThreads);
    return new Model(this, newThreads, newSymmetries);
  }

  /** Starts a model of {@code protocol} (a catalogue id such as {@code m1}). */
  public static ModelBuilder builder(String protocol, String variant, String scenario) {
    return new ModelBuilder(protocol, variant, scenario);
  }

  public String protocol() {
    return protocol;
  }

  public String variant() {
    return variant;
  }

  public String scenario() {
    return scenario;
  }

  /** The parameters this model uses, in the order they are printed ({@code N=2 A=2}). */
  public Map<String, Integer> params() {
    return params;
  }

  public List<Var> vars() {
    return vars;
  }

  public List<ThreadDef> threads() {
    return threads;
  }

  public ThreadDef thread(int index) {
    return threads.get(index);
  }

  /** Every register of every thread, indexed by {@link Reg#id()}. */
  public List<Reg> regs() {
    return regs;
  }

  public List<Invariant> invariants() {
    return invariants;
  }

  public List<StepAssertion> stepAssertions() {
    return stepAssertions;
  }

  public List<FinalProperty> finalProperties() {
    return finals;
  }

  /** Every property: the invariants, then the step assertions, then the final properties. */
  public List<Property> properties() {
    return ImmutableList.<Property>builder().addAll(invariants).addAll(stepAssertions)
        .addAll(finals).build();
  }

  /**
   * The groups of threads declared copies of one another. Start order added later (a {@link
   * Race}'s) can break a group; the explorer uses only groups it leaves intact.
   */
  public List<Symmetric> symmetries() {
    return symmetries;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** {@code m1/avi-v3/s1 N=2 A=2}: how messages and logs name this model. */
  public String name() {
    StringBuilder sb = new StringBuilder(protocol).append('/').append(variant).append('/')
        .append(scenario);
    params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }

  @Override
  public String toString() {
    return name();
  }
}
