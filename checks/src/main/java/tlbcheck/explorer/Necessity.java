package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.Var;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Limit;
import tlbcheck.result.ModelRef;
import tlbcheck.result.NecessityRow.Finding;
import tlbcheck.result.NecessityRow;
import tlbcheck.result.NecessityTable;
import tlbcheck.result.Verdict;

/**
 * Flush necessity: a safe model's flush, TLBI, barrier, lock, grace period and refcount steps
 * removed one at a time ({@link Removal}), each mutant explored to its first violation. A step
 * whose removal breaks a property is needed, and the shortest trace shows what it prevents. A
 * step whose removal breaks nothing is unnecessary in this model, for one of two reasons, and
 * the row says which is likelier:
 *
 * <ul>
 *   <li>the step changes nothing in any execution of the model (a flush of a TLB that no
 *       access fills): what it acts on never arises in this scenario, likelier the model's gap;
 *   <li>the mutant ends in exactly the protocol's end states: nothing the step does shows in
 *       any execution's outcome, so the protocol could likely drop it in this configuration;
 *   <li>the mutant ends in states the protocol never reaches, and no property rejects them: the
 *       step does something, and likelier a property the model lacks would need it;
 *   <li>a barrier changes nothing on the explorer's sequentially consistent memory; whether it
 *       is needed is a question about weakly ordered CPUs, which jcstress asks.
 * </ul>
 *
 * <p>Removing a lock with its unlocks can let two critical sections overlap, and a mutant may
 * then break one of the model's step rules (a reference dropped below zero, an unlock of a free
 * lock): those are bugs the kernel WARNs about, so the row counts the step as needed and gives
 * the rule. Mutants are explored without symmetry reduction: the removal tells threads apart.
 */
public final class Necessity {
  private Necessity() {}

  /** The model is not proved safe as written, so there is nothing to remove steps from. */
  public static final class NotSafe extends Exception {
    private final transient CheckResult result;

    NotSafe(CheckResult result) {
      super("model " + result.model().header() + " is not proved safe: "
          + result.verdict().label() + "; necessity removes steps from a safe model");
      this.result = result;
    }

    public CheckResult result() {
      return result;
    }
  }

  /** Explores {@code model}, then each of its mutants, each search shaped by {@code config}. */
  public static NecessityTable run(Model model, SearchConfig config) throws NotSafe {
    Clock clock = new Clock(config.limits().maxSeconds());
    EndStates original = new EndStates();
    CheckResult result = new Explorer(model, config, Progress.NONE, List.of(original)).run();
    if (!(result.verdict() instanceof Verdict.Safe)) {
      throw new NotSafe(result);
    }
    List<NecessityRow> rows = new ArrayList<>();
    for (Removal r : Removal.of(model)) {
      boolean acts = r.pcs().stream().anyMatch(pc -> original.acts(r.thread(), pc));
      rows.add(row(model, r, acts, original.ends(), remaining(config, clock),
          config.limits().maxSeconds()));
    }
    return new NecessityTable(ModelRef.of(model, config.memory().id()), result.stats(),
        original.ends().size(), rows);
  }

  /**
   * {@code config} with the time the whole run has left: {@code --max-seconds} bounds the
   * command, not each mutant. Once it has run out, each search stops at its first check.
   */
  private static SearchConfig remaining(SearchConfig config, Clock clock) {
    double left = config.limits().maxSeconds() - clock.elapsed() / 1e9;
    return config.withLimits(config.limits().withMaxSeconds(Math.max(left, Double.MIN_VALUE)));
  }

  /**
   * Why a barrier the mutant runs without on x86 was not needed: smp_wmb() and smp_rmb() are
   * compiler barriers there (arch/x86/include/asm/barrier.h), since x86-TSO keeps stores in
   * order and loads in order; smp_mb() forbids only a later load passing an earlier store,
   * which no execution of this scenario needs.
   */
  private static String x86Barrier(Step barrier) {
    return barrier.order() == Order.MB
        ? "unnecessary under x86 here: smp_mb() (MFENCE) forbids only a later load reading "
            + "memory before an earlier store has left the store buffer, and no execution of "
            + "this scenario breaks a property that way"
        : "unnecessary under x86: " + barrier.label() + " is a compiler barrier there, since "
            + "x86-TSO keeps a CPU's stores in program order and its loads in program order; "
            + "a weaker CPU (arm64) may need it";
  }

  private static NecessityRow row(Model model, Removal r, boolean acts,
      Set<List<Integer>> ends, SearchConfig config, double seconds) {
    String thread = model.thread(r.thread()).name();
    int step = r.pcs().get(0) + 1;
    String role = r.role().word();
    String removed = r.describe(model);
    Model mutant = r.mutant(model);
    EndStates mutantEnds = new EndStates();
    CheckResult result;
    try {
      result = new Explorer(mutant, config, Progress.NONE, List.of(mutantEnds)).run();
    } catch (ModelError e) {
      return new NecessityRow(thread, step, role, removed, Finding.NEEDED_MODEL_ERROR,
          "the mutant breaks a step rule, a bug the kernel would WARN about: " + e.getMessage(),
          null);
    }
    Verdict v = result.verdict();
    if (v instanceof Verdict.Violated violated) {
      return new NecessityRow(thread, step, role, removed, Finding.NEEDED,
          "needed: " + violated.property() + " breaks", v);
    }
    if (v instanceof Verdict.Deadlock) {
      return new NecessityRow(thread, step, role, removed, Finding.NEEDED,
          "needed: the mutant deadlocks", v);
    }
    if (v instanceof Verdict.Incomplete i) {
      // The bound the user set, not the share of it this mutant was left.
      Verdict stopped = i.limit().kind() == Limit.Kind.SECONDS
          ? new Verdict.Incomplete(Limit.seconds(seconds)) : v;
      return new NecessityRow(thread, step, role, removed, Finding.INCOMPLETE,
          "a limit stopped the mutant's search; run with larger limits", stopped);
    }
    if (r.role() == Role.BARRIER && config.memory() == MemoryModel.X86) {
      return new NecessityRow(thread, step, role, removed, Finding.UNNECESSARY_ON_THIS_MEMORY,
          x86Barrier(model.thread(r.thread()).step(r.pcs().get(0))), v);
    }
    if (r.role() == Role.BARRIER && config.memory() == MemoryModel.ARM64) {
      return new NecessityRow(thread, step, role, removed, Finding.UNNECESSARY_ON_THIS_MEMORY,
          "unnecessary under arm64 here: no execution of this scenario without it breaks a "
              + "property; what it orders is ordered by another step, or orders nothing the "
              + "properties read", v);
    }
    if (r.role() == Role.BARRIER) {
      return new NecessityRow(thread, step, role, removed, Finding.UNNECESSARY_UNDER_SC,
          "unnecessary here, likelier because of the model: the explorer's memory is "
              + "sequentially consistent, where a barrier orders nothing; tlbcheck necessity "
              + "--memory x86 or arm64 says whether a weaker CPU needs it", v);
    }
    if (!acts) {
      return new NecessityRow(thread, step, role, removed, Finding.UNNECESSARY_NEVER_ACTS,
          "unnecessary here, likelier because of the model: in no execution does the step "
              + "change anything (it may never even run), so what it acts on (a TLB entry, a "
              + "reference) never arises in this scenario", v);
    }
    Set<List<Integer>> added = new HashSet<>(mutantEnds.ends());
    added.removeAll(ends);
    if (added.isEmpty()) {
      return new NecessityRow(thread, step, role, removed, Finding.UNNECESSARY_LIKELY_PROTOCOL,
          "unnecessary here, likelier because the protocol does not need it in this "
              + "configuration: the step acts, yet no property breaks and every execution of "
              + "the mutant ends in a state the protocol ends in too (it has "
              + plural(ends.size(), "end state") + ")"
              + (r.role() == Role.ACQUIRE ? "; a lock may still guard state the model leaves out"
                  : ""), v);
    }
    return new NecessityRow(thread, step, role, removed,
        Finding.UNNECESSARY_LIKELY_MISSING_PROPERTY,
        "unnecessary here, likelier because the model lacks the property that needs it: no "
            + "property breaks, but the mutant ends in " + plural(added.size(), "state")
            + " the protocol never does ("
            + newValues(model, ends, added) + ")", v);
  }

  /** {@code 1 end state}, {@code 3 end states}. */
  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * The values the mutant leaves in some variable that no end of the protocol leaves there
   * ({@code tlb[1] = PFN}), at most three; or, if every value is one the protocol leaves too,
   * that only their combination is new.
   */
  private static String newValues(Model model, Set<List<Integer>> ends,
      Set<List<Integer>> added) {
    List<Var> vars = model.vars();
    Set<String> found = new TreeSet<>();
    for (int i = 0; i < vars.size(); i++) {
      Set<Integer> seen = new HashSet<>();
      for (List<Integer> e : ends) {
        seen.add(e.get(i));
      }
      for (List<Integer> e : added) {
        if (!seen.contains(e.get(i))) {
          found.add(vars.get(i).name() + " = " + vars.get(i).domain().name(e.get(i)));
        }
      }
    }
    if (found.isEmpty()) {
      return "each value is one the protocol leaves too, in other combinations";
    }
    List<String> list = new ArrayList<>(found);
    String shown = String.join(", ", list.subList(0, Math.min(3, list.size())));
    return list.size() > 3 ? shown + ", and " + (list.size() - 3) + " more" : shown;
  }
}
