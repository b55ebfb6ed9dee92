package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Catalogue;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.CheckResult;
import tlbcheck.report.MetricValue;
import tlbcheck.report.Verdict;

/**
 * {@code tlbcheck verify}: the main job. Every model, variant and scenario of the catalogue at
 * each N the catalogue checks it at, one table row each; exit 0 only if every verdict is the
 * expected one.
 */
@Command(name = "verify", description = "Check the whole catalogue against its expected "
    + "verdicts. Exit 0 all as expected, 1 an unexpected verdict, 3 incomplete.")
final class VerifyCommand implements Callable<Integer> {
  private static final String ROW = "%-8s %-20s %-9s %-9s %-16s %-16s %12s %9s  %-10s %s%n";

  @Mixin
  LimitOptions limits;

  @Parameters(paramLabel = "MODEL", arity = "0..*",
      description = "only these models (default: the whole catalogue)")
  List<String> only = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
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
            CheckResult r = new Explorer(model, limits.limits(), progress).run();
            progress.done();
            boolean asExpected = e.label().equals(r.verdict().label());
            String mark = asExpected ? "ok" : "UNEXPECTED";
            if (r.verdict() instanceof Verdict.Incomplete i) {
              incomplete++;
              mark = "INCOMPLETE (" + i.limit() + ")";
            } else if (!asExpected) {
              unexpected++;
            }
            rows++;
            out.printf(Locale.ROOT, ROW, p.id(), v.id(), s, shown(model), e.label(), r.verdict().label(),
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
    return unexpected > 0 ? Main.UNEXPECTED : incomplete > 0 ? Main.INCOMPLETE : Main.OK;
  }

  /** The parameters that tell a protocol's rows apart: N, and P where the model uses it. */
  private static String shown(Model model) {
    Integer p = model.params().get("P");
    return "N=" + model.params().get("N") + (p == null ? "" : " P=" + p);
  }
}
