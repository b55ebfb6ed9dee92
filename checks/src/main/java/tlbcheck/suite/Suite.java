package tlbcheck.suite;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlbcheck.engine.JcstressEngine;
import tlbcheck.engine.JcstressTests;
import tlbcheck.engine.LincheckEngine;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.Progress;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.result.Check;
import tlbcheck.result.CheckResult;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Results;
import tlbcheck.result.StressRun;
import tlbcheck.result.Verdict;

/**
 * The verification suite (DESIGN.md "The suite, results and reports"): every model, variant,
 * scenario and parameters the catalogue declares, each model built once, run by the engines
 * asked for, and each engine's result judged against the catalogue's {@link Expectation}. A
 * broken model (a {@link ModelError}, when it is built or explored) is a row of its own and the
 * suite goes on. The rows are data ({@link Results}); printing them is the caller's business:
 * a {@link RowListener} hears of each row as it completes.
 *
 * <p>Not thread-safe; one suite per run.
 */
public final class Suite {
  /** Told of each row as an engine completes it, for progress and printing. */
  public interface RowListener {
    default void explored(Check row) {
    }

    default void linchecked(Check row) {
    }

    default void stressed(Check row, StressRun run) {
    }
  }

  /** Lincheck's budgets: invocations to catch a violation, to pass a safe variant, plans. */
  public record LincheckBudget(int invocations, int safeInvocations, int plans) {}

  private final List<Protocol> protocols;
  private final SearchConfig config;
  private final Progress progress;
  /** The one memory model to verify under, or null for each protocol's own. */
  private final MemoryModel only;

  /** A row's identity before its model is built. */
  private record Key(Protocol protocol, String variant, String scenario, Params params,
      MemoryModel memory) {}

  private final Map<Key, Check> rows = new LinkedHashMap<>();
  private final Map<Key, Model> models = new LinkedHashMap<>();

  /** A suite over each protocol's own memory models ({@link Protocol#memoryModels}). */
  public Suite(List<Protocol> protocols, SearchConfig config, Progress progress) {
    this(protocols, config, progress, null);
  }

  /** A suite under memory model {@code only} alone (null: each protocol's own). */
  public Suite(List<Protocol> protocols, SearchConfig config, Progress progress,
      MemoryModel only) {
    this.protocols = List.copyOf(protocols);
    this.config = config;
    this.progress = progress;
    this.only = only;
  }

  /**
   * The explorer over every row: each variant and scenario at each verified parameter set,
   * under each memory model of the protocol's that the explorer has (or the one asked for).
   */
  public void explore(RowListener listener) {
    for (Protocol p : protocols) {
      for (MemoryModel memory : memories(p)) {
        for (Variant v : p.variants()) {
          for (String s : p.scenarios()) {
            for (Params params : p.verifiedParams(s, memory.id())) {
              listener.explored(row(new Key(p, v.id(), s, params, memory)));
            }
          }
        }
      }
    }
  }

  private List<MemoryModel> memories(Protocol p) {
    if (only != null) {
      return List.of(only);
    }
    List<MemoryModel> known = new ArrayList<>();
    for (String id : p.memoryModels()) {
      Arrays.stream(MemoryModel.values()).filter(m -> m.id().equals(id)).forEach(known::add);
    }
    return known;
  }

  /**
   * Lincheck on every variant and scenario at the default parameters, next to the explorer's
   * verdict; a broken row is skipped.
   */
  public void lincheck(LincheckBudget budget, RowListener listener) {
    for (Protocol p : protocols) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          Key key = new Key(p, v.id(), s, Params.DEFAULT, MemoryModel.SC);
          Check row = row(key);
          if (row.broken() != null) {
            continue;
          }
          CheckResult r = row.explorer();
          int invocations = r.verdict() instanceof Verdict.Violated ? budget.invocations()
              : budget.safeInvocations();
          LincheckEngine.Result l = new LincheckEngine(models.get(key))
              .check(r, invocations, budget.plans());
          Check done = row.withLincheck(new LincheckRun(l.label(), l.invocations(),
              l.plansTried(), l.nanos(), l.agreesWith(row.expected()),
              l.trace() == null ? null : LincheckTraces.both(l)));
          rows.put(key, done);
          listener.linchecked(done);
        }
      }
    }
  }

  /**
   * jcstress: every generated test of the selected protocols, judged against the outcomes the
   * explorer finds reachable in the race; each run joins the row of its variant and scenario
   * at the default parameters.
   */
  public void jcstress(JcstressEngine engine, JcstressEngine.Mode mode, RowListener listener)
      throws IOException, InterruptedException, LimitReached {
    List<JcstressTests.Test> tests = JcstressTests.of(protocols);
    for (JcstressEngine.Result r : engine.run(tests, mode)) {
      JcstressTests.Test t = r.test();
      // Beside the explorer's row on the memory model of the CPU jcstress ran on, if verified.
      MemoryModel host = memories(t.protocol()).contains(JcstressTests.host())
          ? JcstressTests.host() : MemoryModel.SC;
      Key key = new Key(t.protocol(), t.variant().id(), t.race().scenario(), Params.DEFAULT,
          host);
      Check row = row(key);
      StressRun run = new StressRun(t.race().id(), t.reachableOutcomes(),
          r.observed() == null ? null : r.observed().samples(), r.agrees(), r.verdict());
      Check done = row.withStress(run);
      rows.put(key, done);
      listener.stressed(done, run);
    }
  }

  /** Every row so far, in the order they were first checked. */
  public Results results() {
    return new Results(new ArrayList<>(rows.values()));
  }

  /**
   * The row of a variant in a scenario at some parameters: explored the first time it is asked
   * for, its model built once and kept for the engines after the explorer.
   */
  private Check row(Key key) {
    Check known = rows.get(key);
    if (known != null) {
      return known;
    }
    Protocol p = key.protocol();
    Expectation expected = p.expected(key.variant(), key.scenario(), key.memory().id());
    Check row;
    Model model = null;
    try {
      model = p.build(key.variant(), key.scenario(), key.params());
      models.put(key, model);
      row = Check.of(expected,
          new Explorer(model, config.withMemory(key.memory()), progress).run());
    } catch (ModelError e) {
      // A model that failed to build has no parameter list of its own: name them all.
      Params n = key.params();
      ModelRef ref = model != null ? ModelRef.of(model, key.memory().id())
          : new ModelRef(p.id(), key.variant(), key.scenario(), ImmutableMap.of("N", n.n(),
              "K", n.k(), "A", n.a(), "P", n.p(), "I", n.i()), key.memory().id());
      row = Check.broken(ref, expected, e.getMessage());
    }
    rows.put(key, row);
    return row;
  }
}
