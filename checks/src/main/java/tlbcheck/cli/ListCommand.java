package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;

/** {@code tlbcheck list}: the catalogue, with each variant's expected verdict per scenario. */
@Command(name = "list", description = "List the models, their variants, scenarios and expected "
    + "verdicts.")
final class ListCommand implements Callable<Integer> {
  @Mixin
  ModelsOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Protocol p : models.models().all()) {
      out.println(p.id() + "  " + p.title());
      out.println("  scenarios: " + String.join(", ", p.scenarios()));
      for (Variant v : p.variants()) {
        StringBuilder expected = new StringBuilder();
        for (String s : p.scenarios()) {
          expected.append(String.format("  %s: %-14s", s, p.expected(v.id(), s).label()));
        }
        out.printf("  %-20s%s  %s%n", v.id(), expected, v.summary());
      }
      out.println();
    }
    out.flush();
    return Main.OK;
  }
}
