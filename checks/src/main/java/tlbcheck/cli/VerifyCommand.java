package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tlbcheck.engine.JcstressEngine;
import tlbcheck.engine.JcstressTests;
import tlbcheck.engine.LincheckEngine;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.Progress;
import tlbcheck.model.Catalogue;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.model.real.Outcome;
import tlbcheck.report.Check;
import tlbcheck.report.CheckResult;
import tlbcheck.report.HtmlReport;
import tlbcheck.report.LincheckRun;
import tlbcheck.report.MetricValue;
import tlbcheck.report.ModelRef;
import tlbcheck.report.ResultText;
import tlbcheck.report.Results;
import tlbcheck.report.ResultsJson;
import tlbcheck.report.StressRun;
import tlbcheck.report.Verdict;

/**
 * {@code tlbcheck verify}: the main job. Every model, variant and scenario of the catalogue at
 * each N the catalogue checks it at, one table row each; exit 0 only if every verdict is the
 * expected one. The results of every engine go to {@code results.json} in the report directory,
 * and the HTML report beside it is rendered from that file, as {@code tlbcheck report} would.
 */
@Command(name = "verify", description = "Check the whole catalogue against its expected "
    + "verdicts. Exit 0 all as expected, 1 an unexpected verdict, 3 incomplete.")
final class VerifyCommand implements Callable<Integer> {
  private static final String ROW = "%-8s %-20s %-9s %-9s %-16s %-16s %12s %9s  %-10s %s%n";
  private static final String JCSTRESS = "%-8s %-9s %-20s %-16s %-22s %12s  %-34s %s%n";
  private static final String LINCHECK =
      "%-8s %-20s %-9s %-9s %-16s %-16s %9s %-16s %12s %9s  %s%n";

  @Option(names = "--engines", split = ",", defaultValue = "explorer", paramLabel = "E",
      description = "engines to run: explorer (always), lincheck, jcstress "
          + "(default: ${DEFAULT-VALUE})")
  List<String> engines;

  @Option(names = "--jcstress-mode", defaultValue = "short", paramLabel = "MODE",
      description = "how long jcstress runs each test: short (about 7 s a test on 2 cores) or "
          + "long (jcstress's default preset) (default: ${DEFAULT-VALUE})")
  String jcstressMode;

  @Option(names = "--stress-dir", paramLabel = "DIR",
      defaultValue = "${sys:tlbcheck.stress:-stress/target}",
      description = "the stress module's target directory: its jcstress.jar is run, from "
          + "DIR/jcstress-run (default: ${DEFAULT-VALUE})")
  Path stressDir;

  @Option(names = "--lincheck-invocations", defaultValue = "20000", paramLabel = "n",
      description = "Lincheck invocations per choice plan to catch a violation the explorer "
          + "found (default: ${DEFAULT-VALUE})")
  int lincheckInvocations;

  @Option(names = "--lincheck-safe-invocations", defaultValue = "1000", paramLabel = "n",
      description = "Lincheck invocations per choice plan a variant the explorer proved safe "
          + "must pass (default: ${DEFAULT-VALUE})")
  int lincheckSafeInvocations;

  @Option(names = "--traces", paramLabel = "DIR",
      defaultValue = "${sys:tlbcheck.traces:-target/tlbcheck-traces}",
      description = "where --engines lincheck writes both engines' traces of each violation "
          + "(default: ${DEFAULT-VALUE})")
  Path traces;

  @Option(names = "--lincheck-plans", defaultValue = "2", paramLabel = "n",
      description = "choice plans Lincheck tries per variant (default: ${DEFAULT-VALUE})")
  int lincheckPlans;

  @Option(names = "--report", paramLabel = "DIR",
      defaultValue = "${sys:tlbcheck.report:-target/tlbcheck-report}",
      description = "where to write results.json and the HTML report, index.html "
          + "(default: ${DEFAULT-VALUE})")
  Path report;

  @Mixin
  ExploreOptions limits;

  /** Every row so far, by model; the engines after the explorer add to the rows they ran. */
  private final Map<ModelRef, Check> checks = new LinkedHashMap<>();

  @Parameters(paramLabel = "MODEL", arity = "0..*",
      description = "only these models (default: the whole catalogue)")
  List<String> only = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException, LimitReached {
    for (String e : engines) {
      if (!List.of("explorer", "lincheck", "jcstress").contains(e)) {
        throw new UsageError("unknown engine '" + e + "'; the engines are explorer, lincheck, "
            + "jcstress");
      }
    }
    JcstressEngine.Mode mode = switch (jcstressMode) {
      case "short" -> JcstressEngine.Mode.SHORT;
      case "long" -> JcstressEngine.Mode.LONG;
      default -> throw new UsageError("unknown --jcstress-mode '" + jcstressMode
          + "'; the modes are short, long");
    };
    if (lincheckInvocations < 1 || lincheckSafeInvocations < 1 || lincheckPlans < 1) {
      throw new UsageError("--lincheck-invocations, --lincheck-safe-invocations and "
          + "--lincheck-plans must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, ROW, "model", "variant", "scenario", "params", "expected", "verdict",
        "states", "time", "", "metrics");
    int unexpected = 0;
    int incomplete = 0;
    int rows = 0;
    TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
    List<Protocol> protocols = only.isEmpty() ? Catalogue.all()
        : only.stream().map(Catalogue::protocol).toList();
    for (Protocol p : protocols) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          Expectation e = p.expected(v.id(), s);
          for (Params params : p.verifiedParams(s)) {
            Model model = p.build(v.id(), s, params);
            CheckResult r = new Explorer(model, limits.config(1), progress).run();
            progress.done();
            checks.put(r.model(), Check.of(e.label(), e.why(), r));
            boolean asExpected = e.label().equals(r.verdict().label());
            String mark = asExpected ? "ok" : "UNEXPECTED";
            if (r.verdict() instanceof Verdict.Incomplete i) {
              incomplete++;
              mark = "INCOMPLETE (" + ResultText.limit(i.limit()) + ")";
            } else if (!asExpected) {
              unexpected++;
            }
            rows++;
            out.printf(Locale.ROOT, ROW, p.id(), v.id(), s, shown(model), e.label(),
                r.verdict().label(),
                String.format(Locale.ROOT, "%,d", r.stats().states()),
                String.format(Locale.ROOT, "%.2f s", r.stats().seconds()), mark,
                r.metrics().stream().map(MetricValue::brief).collect(Collectors.joining(", ")));
            out.flush();
          }
        }
      }
    }
    out.printf(Locale.ROOT, "%n%d checks: %d as expected, %d unexpected, %d incomplete%n", rows,
        rows - unexpected - incomplete, unexpected, incomplete);
    out.flush();
    if (engines.contains("lincheck")) {
      unexpected += lincheck(protocols, out);
    }
    if (engines.contains("jcstress")) {
      unexpected += jcstress(protocols, mode, out);
    }
    writeReport(out);
    return unexpected > 0 ? Main.UNEXPECTED : incomplete > 0 ? Main.INCOMPLETE : Main.OK;
  }

  /**
   * The jcstress table: every generated test of the selected models (a race of a protocol in a
   * variant), the outcomes the explorer finds reachable in the race's order, the samples
   * jcstress observed of each outcome, and the judgement. Returns the tests that disagree.
   */
  private int jcstress(List<Protocol> protocols, JcstressEngine.Mode mode, PrintWriter out)
      throws IOException, InterruptedException, LimitReached {
    List<JcstressTests.Test> tests = JcstressTests.all().stream()
        .filter(t -> protocols.contains(t.protocol())).toList();
    out.printf(Locale.ROOT, "%njcstress, %s mode: %d tests, 2 actors each (jar: %s)%n",
        jcstressMode, tests.size(), stressDir.resolve("jcstress.jar"));
    out.flush();
    long start = System.nanoTime();
    List<JcstressEngine.Result> results = new JcstressEngine(stressDir.resolve("jcstress.jar"),
        stressDir.resolve("jcstress-run")).run(tests, mode);
    out.printf(Locale.ROOT, JCSTRESS, "model", "race", "variant", "expected", "explorer",
        "samples", "violations", "verdict");
    int unexpected = 0;
    for (JcstressEngine.Result r : results) {
      JcstressTests.Test t = r.test();
      unexpected += r.agrees() ? 0 : 1;
      ModelRef row = row(t.protocol(), t.variant().id(), t.race().scenario()).model();
      checks.put(row, checks.get(row).withStress(new StressRun(t.race().id(),
          t.reachableOutcomes(), r.observed() == null ? null : r.observed().samples(),
          r.agrees(), r.verdict())));
      String samples = r.observed() == null ? "-"
          : String.format(Locale.ROOT, "%,d", r.observed().total());
      String violations = r.observed() == null ? "-" : violations(r.observed());
      out.printf(Locale.ROOT, JCSTRESS, t.protocol().id(), t.race().id(), t.variant().id(),
          t.expected().label(), String.join(",", t.reachableOutcomes()), samples, violations,
          (r.agrees() ? "ok: " : "UNEXPECTED: ") + r.verdict());
    }
    out.printf(Locale.ROOT, "%n%d jcstress tests: %d as expected, %d unexpected, in %.0f s "
        + "(jcstress's output: %s)%n", results.size(), results.size() - unexpected, unexpected,
        (System.nanoTime() - start) / 1e9, stressDir.resolve("jcstress-run/jcstress.out"));
    out.flush();
    return unexpected;
  }

  /** "stale-tlb 122 (1 in 22,600)", "dirty-read 4,545,455 (90%)", or "0". */
  private static String violations(JcstressEngine.Observed o) {
    List<String> parts = new ArrayList<>();
    o.samples().forEach((id, n) -> {
      if (!id.equals(Outcome.OK)) {
        parts.add(n * 100 >= o.total()
            ? String.format(Locale.ROOT, "%s %,d (%d%%)", id, n, n * 100 / o.total())
            : String.format(Locale.ROOT, "%s %,d (1 in %,d)", id, n, o.total() / n));
      }
    });
    return parts.isEmpty() ? "0" : String.join(", ", parts);
  }

  /** Lincheck's own report, then the same execution replayed on the model, in our columns. */
  private static String lincheckTrace(LincheckEngine.Result l) {
    return l.trace() + "\n\nThe execution's schedule replayed on the model by the explorer:\n\n"
        + ResultText.replayed(l.replayed());
  }

  /**
   * The Lincheck table: every variant and scenario at the default parameters, the explorer's
   * verdict and time next to Lincheck's verdict, invocations and time; both traces of each
   * violation are written under {@link #traces}. Returns the rows where an engine's
   * verdict is not the expected one.
   */
  private int lincheck(List<Protocol> protocols, PrintWriter out) throws IOException {
    out.printf(Locale.ROOT, "%nLincheck, per choice plan: up to %,d invocations to catch a "
        + "violation, %,d to pass a safe variant; at most %d plans%n", lincheckInvocations,
        lincheckSafeInvocations, lincheckPlans);
    out.printf(Locale.ROOT, LINCHECK, "model", "variant", "scenario", "params", "expected",
        "explorer", "time", "lincheck", "invocations", "time", "");
    Files.createDirectories(traces);
    int unexpected = 0;
    int rows = 0;
    for (Protocol p : protocols) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          Expectation e = p.expected(v.id(), s);
          Check row = row(p, v.id(), s);
          Model model = p.build(v.id(), s, Params.DEFAULT);
          CheckResult r = row.explorer();
          int budget = r.verdict() instanceof Verdict.Violated ? lincheckInvocations
              : lincheckSafeInvocations;
          LincheckEngine.Result l = new LincheckEngine(model).check(r, budget, lincheckPlans);
          boolean ok = e.label().equals(r.verdict().label()) && l.agreesWith(e);
          unexpected += ok ? 0 : 1;
          checks.put(row.model(), row.withLincheck(new LincheckRun(l.label(), l.invocations(),
              l.plansTried(), l.nanos(), l.agreesWith(e),
              l.trace() == null ? null : lincheckTrace(l))));
          rows++;
          String name = p.id() + "-" + v.id() + "-" + s;
          if (r.verdict() instanceof Verdict.Violated violated) {
            Files.writeString(traces.resolve(name + ".explorer.txt"),
                ResultText.counterexample(violated));
          }
          if (l.trace() != null) {
            Files.writeString(traces.resolve(name + ".lincheck.txt"), lincheckTrace(l));
          }
          out.printf(Locale.ROOT, LINCHECK, p.id(), v.id(), s, shown(model), e.label(),
              r.verdict().label(), String.format(Locale.ROOT, "%.2f s", r.stats().seconds()),
              l.label(), String.format(Locale.ROOT, "%,d", l.invocations()),
              String.format(Locale.ROOT, "%.1f s", l.nanos() / 1e9), ok ? "ok" : "UNEXPECTED");
          out.flush();
        }
      }
    }
    out.printf(Locale.ROOT, "%n%d Lincheck checks: %d as expected, %d unexpected%n", rows,
        rows - unexpected, unexpected);
    out.flush();
    return unexpected;
  }

  /**
   * The row of {@code variant} in {@code scenario} at the default parameters, where Lincheck and
   * jcstress report; the explorer's table has it unless a limit or a model list left it out.
   */
  private Check row(Protocol p, String variant, String scenario) {
    Model model = p.build(variant, scenario, Params.DEFAULT);
    return checks.computeIfAbsent(ModelRef.of(model), ref -> {
      Expectation e = p.expected(variant, scenario);
      return Check.of(e.label(), e.why(),
          Explorer.check(model, limits.config(1)));
    });
  }

  /**
   * Writes results.json, then renders the HTML report from the file just written, so the
   * report shows only what the JSON holds and {@code tlbcheck report} renders the same pages.
   */
  private void writeReport(PrintWriter out) throws IOException {
    Files.createDirectories(report);
    Path json = report.resolve("results.json");
    Files.writeString(json, ResultsJson.write(new Results(List.copyOf(checks.values()))));
    ReportCommand.render(json, report);
    out.printf(Locale.ROOT, "%nreport: %s%n", report.resolve("index.html"));
    out.flush();
  }

  /** The parameters that tell a protocol's rows apart: N, and P where the model uses it. */
  private static String shown(Model model) {
    Integer p = model.params().get("P");
    return "N=" + model.params().get("N") + (p == null ? "" : " P=" + p);
  }
}
