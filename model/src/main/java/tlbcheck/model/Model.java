package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One concrete model: a protocol's variant and scenario at fixed parameters, with its shared
 * variables, threads and properties. It knows nothing of how it is explored (STYLE.md 1): the
 * explorer, Lincheck and jcstress all run it through {@link Ctx}.
 *
 * <p>Built and validated by {@link Builder#build()}: a model that exists is well formed.
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

  private Model(Builder b, List<ThreadDef> threads, List<Symmetric> symmetries) {
    this.protocol = b.protocol;
    this.variant = b.variant;
    this.scenario = b.scenario;
    this.params = ImmutableMap.copyOf(b.params);
    this.vars = ImmutableList.copyOf(b.vars);
    this.threads = ImmutableList.copyOf(threads);
    this.invariants = ImmutableList.copyOf(b.invariants);
    this.stepAssertions = ImmutableList.copyOf(b.stepAssertions);
    this.finals = ImmutableList.copyOf(b.finals);
    Reg[] all = new Reg[b.regCount];
    for (ThreadDef t : threads) {
      for (Reg r : t.regs()) {
        all[r.id()] = r;
      }
    }
    this.regs = ImmutableList.copyOf(all);
    this.metrics = ImmutableList.copyOf(b.metrics);
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
   * This model with more start order: each thread named by a key of {@code after} also waits,
   * before its first step, until every thread in its list has finished. How an engine that runs
   * threads in a few fixed sequences (jcstress's two actors, see {@link Race}) is described to
   * the explorer, so that the explorer explores exactly the executions that engine can take.
   */
  public Model startingAfter(Map<String, List<String>> after) {
    Map<String, Integer> index = new LinkedHashMap<>();
    threads.forEach(t -> index.put(t.name(), t.index()));
    for (Map.Entry<String, List<String>> e : after.entrySet()) {
      for (String name : concat(e.getKey(), e.getValue())) {
        if (!index.containsKey(name)) {
          throw new ModelError("model " + name() + " has no thread '" + name + "'; its threads "
              + "are " + index.keySet());
        }
      }
    }
    List<ThreadDef> ordered = new ArrayList<>();
    for (ThreadDef t : threads) {
      Set<Integer> order = new LinkedHashSet<>();
      for (int u : t.startsAfter()) {
        order.add(u);
      }
      after.getOrDefault(t.name(), List.of()).forEach(u -> order.add(index.get(u)));
      ordered.add(t.startingAfter(order.stream().mapToInt(Integer::intValue).toArray()));
    }
    checkStartOrderIsAcyclic("model " + name(), ordered);
    return new Model(this, ordered, symmetries);
  }

  /**
   * The mutant of this model without {@code removal}'s steps: each becomes a step that does
   * nothing, labelled {@code (removed) ...}. It declares no symmetry, since the removal tells
   * the threads apart.
   */
  public Model without(Removal removal) {
    List<ThreadDef> mutated = new ArrayList<>(threads);
    ThreadDef t = thread(removal.thread());
    List<Step> program = new ArrayList<>(t.program());
    for (int pc : removal.pcs()) {
      program.set(pc, program.get(pc).removed());
    }
    mutated.set(t.index(), new ThreadDef(t.name(), t.index(), program, t.regs(),
        t.startsAfter()));
    return new Model(this, mutated, List.of());
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static void checkStartOrderIsAcyclic(String where, List<ThreadDef> threads) {
    int[] state = new int[threads.size()];
    for (int i = 0; i < threads.size(); i++) {
      visit(where, threads, i, state);
    }
  }

  private static void visit(String where, List<ThreadDef> threads, int t, int[] state) {
    if (state[t] == 2) {
      return;
    }
    if (state[t] == 1) {
      throw new ModelError(where + ": thread " + threads.get(t).name()
          + " waits, through startsAfter, for itself to finish: no thread could ever start");
    }
    state[t] = 1;
    for (int u : threads.get(t).startsAfter()) {
      visit(where, threads, u, state);
    }
    state[t] = 2;
  }

  /** Starts a model of {@code protocol} (a catalogue id such as {@code m1}). */
  public static Builder builder(String protocol, String variant, String scenario) {
    return new Builder(protocol, variant, scenario);
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
   * The groups of threads declared copies of one another. Start order added later ({@link
   * #startingAfter}) can break a group; the explorer uses only groups it leaves intact.
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

  /**
   * Declares a model. Not thread-safe; {@link #build()} validates it (STYLE.md 7) and every
   * error names the model, and the thread and step where there is one.
   */
  public static final class Builder {
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

    private Builder(String protocol, String variant, String scenario) {
      this.protocol = protocol;
      this.variant = variant;
      this.scenario = scenario;
    }

    String where() {
      return "model " + protocol + "/" + variant + "/" + scenario;
    }

    int nextRegId() {
      return regCount++;
    }

    /** Records a parameter the model uses, for its name and for reports. */
    public Builder param(String name, int value) {
      params.put(name, value);
      return this;
    }

    public Var var(String name, Domain domain, int initial) {
      return var(name, domain, initial, Access.ONCE);
    }

    public Var var(String name, Domain domain, int initial, Access access) {
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
      Var v = new Var(name, vars.size(), domain, initial, access);
      vars.add(v);
      return v;
    }

    /** {@code count} variables {@code name[0] .. name[count-1]}, such as per-CPU TLBs. */
    public Var[] array(String name, int count, Domain domain, int initial) {
      Var[] a = new Var[count];
      for (int i = 0; i < count; i++) {
        a[i] = var(name + "[" + i + "]", domain, initial);
      }
      return a;
    }

    public Spinlock spinlock(String name) {
      return new Spinlock(var(name, Domain.of("unlocked", "locked"), Spinlock.UNLOCKED,
          Access.VOLATILE));
    }

    /**
     * A queued rwlock for at most {@code maxReaders} readers at once and {@code maxWaiting}
     * writers queued at once; exceeding either is a model error, never a wrap-around.
     */
    public RwLock rwlock(String name, int maxReaders, int maxWaiting) {
      return RwLock.declare(this, name, maxReaders, maxWaiting);
    }

    /**
     * The RCU state of {@code readers} reader threads (numbered 0 .. readers-1 by the model) and
     * {@code callbacks} call_rcu callback slots.
     */
    public Rcu rcu(String name, int readers, int callbacks) {
      return Rcu.declare(this, name, readers, callbacks);
    }

    /** The TLBs and walk caches of {@code cpus} CPUs; declare their entries on it. */
    public Tlb tlb(int cpus) {
      return new Tlb(this, cpus);
    }

    /**
     * A page-table page {@code name} of {@code entries} entries, each starting at {@code
     * initialEntry} of {@code entryValues}, LIVE, with a page refcount starting at {@code
     * initialRef} and at most {@code maxRef} (0 for a page whose references the model does
     * not count).
     */
    public PageTable pageTable(String name, int entries, String[] entryValues, int initialEntry,
        int initialRef, int maxRef) {
      return PageTable.declare(this, name, entries, entryValues, initialEntry, initialRef, maxRef);
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
      Invariant p = new Invariant(id, text, check);
      addProperty(p);
      invariants.add(p);
      return p;
    }

    public StepAssertion stepAssertion(String id, String text) {
      StepAssertion p = new StepAssertion(id, text);
      addProperty(p);
      stepAssertions.add(p);
      return p;
    }

    public FinalProperty finalProperty(String id, String text, Check check) {
      FinalProperty p = new FinalProperty(id, text, check);
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
    public Builder symmetric(List<ThreadBuilder> threads, int firstCpu, List<Var[]> perCpu) {
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
      checkStartOrderIsAcyclic(where(), built);
      List<Symmetric> symmetries = new ArrayList<>();
      for (int g = 0; g < symmetricThreads.size(); g++) {
        List<Integer> members = symmetricThreads.get(g).stream().map(ThreadBuilder::index)
            .toList();
        checkAlike(members.stream().map(built::get).toList(), symmetricVars.get(g));
        symmetries.add(new Symmetric(members, symmetricVars.get(g)));
      }
      return new Model(this, built, symmetries);
    }

    /**
     * What can be seen of threads declared symmetric must be alike: their programs step by
     * step (label up to numbers, kind, ways), their registers, their start order and their variables'
     * domains and initial values.
     */
    private void checkAlike(List<ThreadDef> group, List<List<Integer>> owned) {
      ThreadDef first = group.get(0);
      for (int i = 1; i < group.size(); i++) {
        ThreadDef t = group.get(i);
        String differs = null;
        if (t.end() != first.end()) {
          differs = "programs of " + first.end() + " and " + t.end() + " steps";
        } else if (!Arrays.equals(t.startsAfter(), first.startsAfter())) {
          differs = "start orders";
        } else if (t.regs().size() != first.regs().size()) {
          differs = "registers";
        }
        for (int pc = 0; differs == null && pc < t.end(); pc++) {
          Step a = first.step(pc);
          Step b = t.step(pc);
          // Labels may name the thread's own CPU ("root[1] = r"): numbers are not compared.
          if (!a.label().replaceAll("[0-9]+", "#").equals(b.label().replaceAll("[0-9]+", "#"))
              || a.kind() != b.kind() || a.ways() != b.ways()) {
            differs = "steps at pc " + pc + " ('" + a.label() + "', '" + b.label() + "')";
          }
        }
        for (int r = 0; differs == null && r < t.regs().size(); r++) {
          Reg a = first.regs().get(r);
          Reg b = t.regs().get(r);
          if (!a.name().equals(b.name()) || !a.domain().equals(b.domain())
              || a.initial() != b.initial()) {
            differs = "registers " + a.name() + " and " + b.name();
          }
        }
        for (int v = 0; differs == null && v < owned.get(0).size(); v++) {
          Var a = vars.get(owned.get(0).get(v));
          Var b = vars.get(owned.get(i).get(v));
          if (!a.domain().equals(b.domain()) || a.initial() != b.initial()) {
            differs = "variables " + a.name() + " and " + b.name();
          }
        }
        if (differs != null) {
          throw new ModelError(where() + ": threads " + first.name() + " and " + t.name()
              + " are declared symmetric but have different " + differs);
        }
      }
    }
  }
}
