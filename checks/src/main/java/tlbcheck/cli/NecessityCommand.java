package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.explorer.Necessity;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.NecessityText;
import tlbcheck.report.ResultText;
import tlbcheck.result.NecessityRow;
import tlbcheck.result.NecessityTable;
import tlbcheck.result.Verdict;

/**
 * {@code tlbcheck necessity MODEL --variant V}: removes each flush, TLBI, barrier, lock, grace
 * period and refcount step of a safe variant in turn and explores each mutant (see {@link
 * Necessity}).
 */
@Command(name = "necessity", description = "Remove each flush, TLBI, barrier, lock, grace "
    + "period and refcount step of a safe variant, one at a time, and explore each mutant: a "
    + "table of what breaks, with the shortest trace of each break. Exit 0 done, 1 the variant "
    + "is not safe as written, 2 bad input, 3 a limit stopped a mutant.")
final class NecessityCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "a model id, such as m1")
  String model;

  @Option(names = "--variant", paramLabel = "V", required = true,
      description = "a variant expected to be safe")
  String variant;

  @Option(names = "--scenario", paramLabel = "S",
      description = "one scenario (default: every scenario the variant is expected safe in)")
  String scenario;

  @Mixin
  ModelOptions params;

  @Mixin
  ExploreOptions limits;

  @Mixin
  ModelsOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Protocol p = models.models().protocol(model);
    Variant v = p.variant(variant);
    List<String> scenarios = scenarios(p, v);
    boolean incomplete = false;
    for (int i = 0; i < scenarios.size(); i++) {
      NecessityTable table;
      try {
        table = Necessity.run(p.build(v.id(), scenarios.get(i), params.params()),
            limits.config(1));
      } catch (Necessity.NotSafe e) {
        out.print(ResultText.render(e.result()));
        out.flush();
        err.println("tlbcheck: " + e.getMessage());
        return e.result().verdict() instanceof Verdict.Incomplete
            ? Main.INCOMPLETE : Main.UNEXPECTED;
      }
      if (i > 0) {
        out.println();
      }
      out.print(NecessityText.render(table));
      out.flush();
      incomplete |= table.rows().stream()
          .anyMatch(r -> r.finding() == NecessityRow.Finding.INCOMPLETE);
    }
    return incomplete ? Main.INCOMPLETE : Main.OK;
  }

  /** The scenarios to run: --scenario if the variant is safe in it, else every safe one. */
  private List<String> scenarios(Protocol p, Variant v) {
    if (scenario != null) {
      String s = p.scenario(scenario);
      String memory = limits.memory().id();
      if (!p.expected(v.id(), s, memory).safe()) {
        throw new UsageError("variant " + v.id() + " of " + p.id() + " is expected to violate "
            + p.expected(v.id(), s, memory).property() + " in scenario " + s + " under "
            + memory + "; necessity takes a safe variant");
      }
      return List.of(s);
    }
    String memory = limits.memory().id();
    List<String> safe = p.safeScenarios(v.id(), memory);
    if (safe.isEmpty()) {
      List<String> safeVariants = p.variants().stream().map(Variant::id)
          .filter(id -> !p.safeScenarios(id, memory).isEmpty()).toList();
      throw new UsageError("variant " + v.id() + " of " + p.id() + " is not expected to be safe "
          + "in any scenario under " + memory + "; necessity takes a safe variant: "
          + String.join(", ", safeVariants));
    }
    return safe;
  }
}
