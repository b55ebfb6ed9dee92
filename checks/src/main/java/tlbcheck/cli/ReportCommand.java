package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.report.HtmlReport;
import tlbcheck.report.ResultsJson;
import tlbcheck.result.Results;

/**
 * {@code tlbcheck report [FILE]}: renders the HTML report again from a saved results.json, the
 * same pages {@code verify} wrote, without running anything. Exit codes as {@code verify}'s for
 * the results the file holds.
 */
@Command(name = "report", description = "Render the HTML report (index.html and a page per "
    + "counterexample) from a saved results.json. Exit 0 all as expected, 1 an unexpected "
    + "verdict, 2 a file that is not tlbcheck results, 3 incomplete.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..1",
      defaultValue = "${sys:tlbcheck.report:-target/tlbcheck-report}/results.json",
      description = "the results (default: ${DEFAULT-VALUE})")
  Path file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where to write the pages (default: FILE's directory)")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path dir = out != null ? out : file.toAbsolutePath().getParent();
    Results results = render(file, dir);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%s: %d checks, %d unexpected, %d incomplete, %d broken%n",
        dir.resolve("index.html"), results.checks().size(), results.unexpected(),
        results.incomplete(), results.broken());
    w.flush();
    return results.broken() > 0 ? Main.BAD_INPUT : results.unexpected() > 0 ? Main.UNEXPECTED
        : results.incomplete() > 0 ? Main.INCOMPLETE : Main.OK;
  }

  /** Reads {@code json} and writes its report into {@code dir}; bad input is a usage error. */
  static Results render(Path json, Path dir) throws IOException {
    String text;
    try {
      text = Files.readString(json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("cannot read " + json + ": " + e.getMessage());
    }
    Results results;
    try {
      results = ResultsJson.read(text);
    } catch (ResultsJson.FormatError e) {
      throw new UsageError(json + ": " + e.getMessage());
    }
    HtmlReport.write(results, dir);
    return results;
  }
}
