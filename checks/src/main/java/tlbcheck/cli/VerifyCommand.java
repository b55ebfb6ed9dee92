package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.engine.JcstressEngine;
import tlbcheck.engine.JcstressTests;
import tlbcheck.explorer.LimitReached;
import tlbcheck.model.Protocol;
import tlbcheck.report.ResultText;
import tlbcheck.report.ResultsJson;
import tlbcheck.report.SuiteText;
import tlbcheck.result.Check;
import tlbcheck.result.Results;
import tlbcheck.result.StressRun;
import tlbcheck.result.Verdict;
import tlbcheck.suite.Suite;

/**
 * {@code tlbcheck verify}: the main job. Every model, variant and scenario of the catalogue at
 * each N the catalogue checks it at, one table row each; exit 0 only if every verdict is the
 * expected one. The results of every engine go to {@code results.json} in the report directory,
 * and the HTML report beside it is rendered from that file, as {@code tlbcheck report} would.
 */
@Command(name = "verify", description = "Check the whole catalogue against its expected "
    + "verdicts. Exit 0 all as expected, 1 an unexpected verdict, 3 incomplete.")
final class VerifyCommand implements Callable<Integer> {
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

  @Parameters(paramLabel = "MODEL", arity = "0..*",
      description = "only these models (default: the whole catalogue)")
  List<String> only = new ArrayList<>();

  @Mixin
  ModelsOption models;

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
    TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
    List<Protocol> protocols = only.isEmpty() ? models.models().all()
        : only.stream().map(models.models()::protocol).toList();
    Suite suite = new Suite(protocols, limits.config(1), progress, limits.asked());
    out.print(SuiteText.explorerHeader());
    suite.explore(new Suite.RowListener() {
      @Override
      public void explored(Check row) {
        progress.done();
        print(out, SuiteText.explorerRow(row));
      }
    });
    print(out, SuiteText.explorerSummary(suite.results()));
    if (engines.contains("lincheck")) {
      lincheck(suite, out);
    }
    if (engines.contains("jcstress")) {
      jcstress(suite, mode, out);
    }
    Results results = suite.results();
    writeReport(results, out);
    return results.broken() > 0 ? Main.BAD_INPUT : results.unexpected() > 0 ? Main.UNEXPECTED
        : results.incomplete() > 0 ? Main.INCOMPLETE : Main.OK;
  }

  private static void print(PrintWriter out, String text) {
    out.print(text);
    out.flush();
  }

  /** jcstress's table: each generated test of the selected models as it is judged. */
  private void jcstress(Suite suite, JcstressEngine.Mode mode, PrintWriter out)
      throws IOException, InterruptedException, LimitReached {
    print(out, String.format(Locale.ROOT, "%njcstress, %s mode, 2 actors a test (jar: %s)%n",
        jcstressMode, stressDir.resolve("jcstress.jar")));
    long start = System.nanoTime();
    int[] counts = new int[2];
    JcstressEngine engine = new JcstressEngine(stressDir.resolve("jcstress.jar"),
        stressDir.resolve("jcstress-run"));
    out.print(SuiteText.jcstressHeader(JcstressTests.host().id()));
    suite.jcstress(engine, mode, new Suite.RowListener() {
      @Override
      public void stressed(Check row, StressRun run) {
        counts[0]++;
        counts[1] += run.ok() ? 0 : 1;
        print(out, SuiteText.jcstressRow(row, run));
      }
    });
    print(out, String.format(Locale.ROOT, "%n%d jcstress tests: %d as expected, %d unexpected, "
        + "in %.0f s (jcstress's output: %s)%n", counts[0], counts[0] - counts[1], counts[1],
        (System.nanoTime() - start) / 1e9, stressDir.resolve("jcstress-run")));
    if (suite.results().checks().stream().anyMatch(SuiteText::hostCannotStress)) {
      print(out, SuiteText.ARM64_UNSTRESSED + "\n");
    }
  }

  /**
   * Lincheck's table: every variant and scenario at the default parameters, the explorer's
   * verdict beside Lincheck's; both traces of each violation are written under {@link #traces}.
   */
  private void lincheck(Suite suite, PrintWriter out) throws IOException {
    print(out, String.format(Locale.ROOT, "%nLincheck, per choice plan: up to %,d invocations "
        + "to catch a violation, %,d to pass a safe variant; at most %d plans%n",
        lincheckInvocations, lincheckSafeInvocations, lincheckPlans));
    out.print(SuiteText.lincheckHeader());
    Files.createDirectories(traces);
    List<Check> done = new ArrayList<>();
    suite.lincheck(new Suite.LincheckBudget(lincheckInvocations, lincheckSafeInvocations,
        lincheckPlans), new Suite.RowListener() {
          @Override
          public void linchecked(Check row) {
            done.add(row);
            print(out, SuiteText.lincheckRow(row));
          }
        });
    for (Check row : done) {
      String name = row.model().protocol() + "-" + row.model().variant() + "-"
          + row.model().scenario();
      if (row.explorer().verdict() instanceof Verdict.Violated violated) {
        Files.writeString(traces.resolve(name + ".explorer.txt"),
            ResultText.counterexample(violated));
      }
      if (row.lincheck().trace() != null) {
        Files.writeString(traces.resolve(name + ".lincheck.txt"), row.lincheck().trace());
      }
    }
    long unexpected = done.stream()
        .filter(c -> !(c.explorerAsExpected() && c.lincheck().ok())).count();
    print(out, String.format(Locale.ROOT, "%n%d Lincheck checks: %d as expected, %d "
        + "unexpected%n", done.size(), done.size() - unexpected, unexpected));
  }

  /**
   * Writes results.json, then renders the HTML report from the file just written, so the
   * report shows only what the JSON holds and {@code tlbcheck report} renders the same pages.
   */
  private void writeReport(Results results, PrintWriter out) throws IOException {
    Files.createDirectories(report);
    Path json = report.resolve("results.json");
    Files.writeString(json, ResultsJson.write(results));
    ReportCommand.render(json, report);
    print(out, String.format(Locale.ROOT, "%nreport: %s%n", report.resolve("index.html")));
  }
}
