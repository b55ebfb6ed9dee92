package tlbcheck;

import java.io.PrintWriter;
import java.io.StringWriter;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.cli.Main;
import tlbcheck.model.Protocol;

/** One run of the command line in this JVM: its exit code and what it printed. */
public record CliRun(int code, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * The rows {@code tlbcheck verify} runs for the catalogue's {@code models}: each variant and
   * scenario at each verified parameter set, under each of the model's memory models, so that a
   * test's counts follow the catalogue.
   */
  public static int verifyRows(String... models) {
    int rows = 0;
    for (String model : models) {
      Protocol p = Catalogue.protocol(model);
      for (String memory : p.memoryModels()) {
        rows += p.variants().size()
            * p.scenarios().stream().mapToInt(s -> p.verifiedParams(s, memory).size()).sum();
      }
    }
    return rows;
  }
}
