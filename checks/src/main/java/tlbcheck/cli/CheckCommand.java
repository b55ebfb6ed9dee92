package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.ResultText;
import tlbcheck.report.ResultsJson;
import tlbcheck.result.Check;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Results;
import tlbcheck.result.Verdict;

/** {@code tlbcheck check MODEL}: explores one model's variants and prints verdicts and traces. */
@Command(name = "check", description = "Explore a model: every variant, or the one --variant "
    + "names. Exit 0 no violation, 1 a violation, 2 bad input, 3 incomplete.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL",
      description = "a model id, such as m1, or a model file (.litmus)")
  String model;

  @Option(names = "--variant", paramLabel = "V", description = "one variant (default: all)")
  String variant;

  @Option(names = "--scenario", paramLabel = "S",
      description = "the scenario (default: the model's first)")
  String scenario;

  @Option(names = "--json", paramLabel = "FILE",
      description = "also write the results, traces included, to FILE as results.json does "
          + "(tlbcheck report renders them)")
  Path json;

  @Mixin
  ModelOptions params;

  @Mixin
  ExploreOptions limits;

  @Mixin
  ModelsOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Protocol p = models.models().protocol(model);
    List<Variant> variants = variant == null ? p.variants()
        : List.of(p.variant(variant));
    String s = scenario == null ? p.defaultScenario() : scenario;
    List<Model> models = variants.stream().map(v -> p.build(v.id(), s, params.params())).toList();
    boolean violation = false;
    boolean incomplete = false;
    TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
    List<Check> checks = new ArrayList<>();
    for (Model m : models) {
      CheckResult r = new Explorer(m, limits.config(1), progress).run();
      progress.done();
      spec.commandLine().getErr().println(m.name() + ": " + r.stats().timing());
      Expectation e = p.expected(m.variant(), m.scenario(), limits.memory().id());
      checks.add(Check.of(e, r));
      out.print(ResultText.render(r));
      out.println("expected: " + e.label() + " (" + e.why() + ")");
      out.println();
      violation |= r.verdict() instanceof Verdict.Violated
          || r.verdict() instanceof Verdict.Deadlock;
      incomplete |= r.verdict() instanceof Verdict.Incomplete;
    }
    out.flush();
    if (json != null) {
      Files.writeString(json, ResultsJson.write(new Results(checks)));
    }
    return violation ? Main.UNEXPECTED : incomplete ? Main.INCOMPLETE : Main.OK;
  }
}
