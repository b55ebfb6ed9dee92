package tlbcheck.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares a model. Not thread-safe; {@link #build()} validates it (STYLE.md 7) and every
 * error names the model, and the thread and step where there is one.
 */
public final class ModelBuilder {
  private final String protocol;
  private final String variant;
  private final String scenario;
  private final Map<String, Integer> params = new LinkedHashMap<>();
  private final List<Var> vars = new ArrayList<>();
  private final List<ThreadBuilder> threads = new ArrayList<>();
  private final List<Invariant> invariants = new ArrayList<>();
  private final List<StepAssertion> stepAssertions = new ArrayList<>();
  private final List<FinalProperty> finals = new ArrayList<>();
  private final List<Metric> metrics = new ArrayList<>();
  private final List<List<ThreadBuilder>> symmetricThreads = new ArrayList<>();
  private final List<List<List<Integer>>> symmetricVars = new ArrayList<>();
  private int regCount;

  ModelBuilder(String protocol, String variant, String scenario) {
    this.protocol = protocol;
    this.variant = variant;
    this.scenario = scenario;
  }

  /** {@code model m1/avi-v3/race}: how errors name the model being declared. */
  public String where() {
    return "model " + protocol + "/" + variant + "/" + scenario;
  }

  int nextRegId() {
    return regCount++;
  }

  /** Records a parameter the model uses, for its name and for reports. */
  public ModelBuilder param(String name, int value) {
    params.put(name, value);
    return this;
  }

  public Var var(String name, Domain domain, int initial) {
    return var(name, domain, initial, Access.ONCE);
  }

  public Var var(String name, Domain domain, int initial, Access access) {
    return var(name, domain, initial, access, Var.Kind.MEMORY);
  }

  /** A translation-table entry: memory that page-table walks read ({@link Ctx#walk}). */
  public Var table(String name, Domain domain, int initial) {
    return var(name, domain, initial, Access.ONCE, Var.Kind.TABLE);
  }

  /** A variable of the given {@link Var.Kind}. */
  public Var var(String name, Domain domain, int initial, Access access, Var.Kind kind) {
    for (Var v : vars) {
      if (v.name().equals(name)) {
        throw new ModelError(where() + ": two shared variables are named '" + name
            + "'; traces name variables, so names must be unique");
      }
    }
    if (!domain.contains(initial)) {
      throw new ModelError(where() + ": shared variable " + name + " starts at " + initial
          + ", outside its domain " + domain);
    }
    Var v = new Var(name, vars.size(), domain, initial, access, kind);
    vars.add(v);
    return v;
  }

  /** {@code count} variables {@code name[0] .. name[count-1]}, such as per-CPU TLBs. */
  public Var[] array(String name, int count, Domain domain, int initial) {
    return array(name, count, domain, initial, Var.Kind.MEMORY);
  }

  /** {@code count} variables of the given kind: a per-CPU TLB is {@link Var.Kind#TLB}. */
  public Var[] array(String name, int count, Domain domain, int initial, Var.Kind kind) {
    Var[] a = new Var[count];
    for (int i = 0; i < count; i++) {
      a[i] = var(name + "[" + i + "]", domain, initial, Access.ONCE, kind);
    }
    return a;
  }

  /** A new thread; threads are indexed in the order they are declared. */
  public ThreadBuilder thread(String name) {
    for (ThreadBuilder t : threads) {
      if (t.name().equals(name)) {
        throw new ModelError(where() + ": two threads are named '" + name
            + "'; a trace prints one column per thread name, so names must be unique");
      }
    }
    ThreadBuilder t = new ThreadBuilder(this, name, threads.size());
    threads.add(t);
    return t;
  }

  public Invariant invariant(String id, String text, Check check) {
    return invariant(id, text, Property.outcomeOf(id), check);
  }

  /** An invariant whose violation a real-memory engine names {@code outcome}. */
  public Invariant invariant(String id, String text, String outcome, Check check) {
    Invariant p = new Invariant(id, text, check, outcome);
    addProperty(p);
    invariants.add(p);
    return p;
  }

  public StepAssertion stepAssertion(String id, String text) {
    return stepAssertion(id, text, Property.outcomeOf(id));
  }

  /** A step assertion whose failure a real-memory engine names {@code outcome}. */
  public StepAssertion stepAssertion(String id, String text, String outcome) {
    StepAssertion p = new StepAssertion(id, text, outcome);
    addProperty(p);
    stepAssertions.add(p);
    return p;
  }

  public FinalProperty finalProperty(String id, String text, Check check) {
    return finalProperty(id, text, Property.outcomeOf(id), check);
  }

  /** A final property whose violation a real-memory engine names {@code outcome}. */
  public FinalProperty finalProperty(String id, String text, String outcome, Check check) {
    FinalProperty p = new FinalProperty(id, text, check, outcome);
    addProperty(p);
    finals.add(p);
    return p;
  }

  /** A {@link Metric.Kind#COUNTED} metric: steps count toward it with {@link Ctx#count}. */
  public Metric metric(String id, String text) {
    return addMetric(id, text, Metric.Kind.COUNTED, null, List.of());
  }

  /** A {@link Metric.Kind#STEPS_WHILE} metric: steps taken in states where {@code c} holds. */
  public Metric stepsWhile(String id, String text, Metric.Condition c) {
    return addMetric(id, text, Metric.Kind.STEPS_WHILE, c, List.of());
  }

  /** A {@link Metric.Kind#WAIT} metric: the longest lock wait of a thread inside a span. */
  public Metric waitMetric(String id, String text, List<Metric.Span> spans) {
    return addMetric(id, text, Metric.Kind.WAIT, null, spans);
  }

  /** A {@link Metric.Kind#PEAK} metric: the most threads inside their spans at once. */
  public Metric peakMetric(String id, String text, List<Metric.Span> spans) {
    return addMetric(id, text, Metric.Kind.PEAK, null, spans);
  }

  private Metric addMetric(String id, String text, Metric.Kind kind, Metric.Condition c,
      List<Metric.Span> spans) {
    for (Metric m : metrics) {
      if (m.id().equals(id)) {
        throw new ModelError(where() + ": two metrics have the id '" + id + "'");
      }
    }
    if ((kind == Metric.Kind.WAIT || kind == Metric.Kind.PEAK) && spans.isEmpty()) {
      throw new ModelError(where() + ": metric " + id + " has no span to measure");
    }
    Metric m = new Metric(id, text, metrics.size(), kind, c, spans);
    metrics.add(m);
    return m;
  }

  private void addProperty(Property p) {
    Set<String> ids = new HashSet<>();
    invariants.forEach(q -> ids.add(q.id()));
    stepAssertions.forEach(q -> ids.add(q.id()));
    finals.forEach(q -> ids.add(q.id()));
    if (!ids.add(p.id())) {
      throw new ModelError(where() + ": two properties have the id '" + p.id() + "'");
    }
  }

  /**
   * Declares {@code threads} copies of one another ({@link Symmetric}): thread i runs on CPU
   * {@code firstCpu + i} and owns that element of every array in {@code perCpu}.
   */
  public ModelBuilder symmetric(List<ThreadBuilder> threads, int firstCpu, List<Var[]> perCpu) {
    List<List<Integer>> owned = new ArrayList<>();
    for (int i = 0; i < threads.size(); i++) {
      int cpu = firstCpu + i;
      owned.add(perCpu.stream().map(a -> a[cpu].id()).toList());
    }
    symmetricThreads.add(List.copyOf(threads));
    symmetricVars.add(owned);
    return this;
  }

  /** Validates the declaration and returns the immutable model. */
  public Model build() {
    if (threads.isEmpty()) {
      throw new ModelError(where() + " has no threads");
    }
    if (invariants.isEmpty() && stepAssertions.isEmpty() && finals.isEmpty()) {
      throw new ModelError(where() + " declares no property: a model without a property "
          + "can only be proved, never refuted (STYLE.md 7)");
    }
    List<ThreadDef> built = new ArrayList<>();
    for (ThreadBuilder t : threads) {
      ThreadDef d = t.build();
      for (Reg r : d.regs()) {
        if (!r.domain().contains(r.initial())) {
          throw new ModelError(where() + ": register " + r.name() + " of thread " + d.name()
              + " starts at " + r.initial() + ", outside its domain " + r.domain());
        }
      }
      built.add(d);
    }
    ModelValidation.checkStartOrderIsAcyclic(where(), built);
    List<Symmetric> symmetries = new ArrayList<>();
    for (int g = 0; g < symmetricThreads.size(); g++) {
      List<Integer> members = symmetricThreads.get(g).stream().map(ThreadBuilder::index)
          .toList();
      ModelValidation.checkAlike(where(), vars, members.stream().map(built::get).toList(),
          symmetricVars.get(g));
      symmetries.add(new Symmetric(members, symmetricVars.get(g)));
    }
    return new Model(protocol, variant, scenario, params, vars, built, invariants,
        stepAssertions, finals, regCount, metrics, symmetries);
  }
}
