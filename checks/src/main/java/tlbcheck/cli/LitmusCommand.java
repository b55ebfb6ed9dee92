package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.explorer.LimitReached;
import tlbcheck.file.ModelFile;
import tlbcheck.litmus.Expected;
import tlbcheck.litmus.Litmus;
import tlbcheck.litmus.Observation;
import tlbcheck.model.ModelError;
import tlbcheck.report.ResultText;

/**
 * {@code tlbcheck litmus [--memory M] [--expected TSV] FILE|DIR...}: runs litmus files and
 * prints, per test, herd7's {@code Observation} line, so that the kernel's own scripts that read
 * herd7's output read this too. With {@code --expected}, each verdict is compared with the
 * table's column for the memory model, and every disagreement is printed. Exit 0 all agree, 1 a
 * disagreement, 2 a malformed file or table, 3 a test stopped by a limit.
 */
@Command(name = "litmus", description = "Run litmus tests (C files in the Linux-kernel memory "
    + "model's format) and print herd7's Observation line for each: Never, Sometimes or Always, "
    + "then the final states that satisfy the clause and those that do not.")
final class LitmusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
      description = "litmus files, or directories of *.litmus files (run in name order)")
  List<Path> paths;

  @Option(names = "--expected", paramLabel = "TSV",
      description = "expected verdicts: a tab-separated table with columns name, then one per "
          + "memory model")
  Path expected;

  @Mixin
  ExploreOptions explore;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String memory = explore.memory().id();
    Expected table = null;
    if (expected != null) {
      try {
        table = Expected.read(expected, memory);
      } catch (Expected.Malformed e) {
        throw new UsageError(e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int tests = 0;
    int malformed = 0;
    int disagree = 0;
    int incomplete = 0;
    for (Path file : files(paths)) {
      tests++;
      Observation o;
      try {
        o = Litmus.run(ModelFile.read(file), explore.config(1));
      } catch (ModelError e) {
        err.println("tlbcheck: " + e.getMessage());
        malformed++;
        continue;
      } catch (LimitReached e) {
        out.println(file + ": INCOMPLETE, " + ResultText.limit(e.limit()));
        incomplete++;
        continue;
      }
      out.println(o.line());
      String want = table == null ? o.verdict() : table.verdict(o.name());
      if (!o.verdict().equals(want)) {
        disagree++;
        out.println("  DISAGREES: " + (want == null ? expected + " has no row for " + o.name()
            : expected.getFileName() + " expects " + want + " under " + memory));
      }
    }
    out.println(tests + " tests under " + memory + (table == null ? "" : ": " + (tests
        - malformed - incomplete - disagree) + " agree with " + expected.getFileName() + ", "
        + disagree + " disagree") + (malformed == 0 ? "" : ", " + malformed + " malformed")
        + (incomplete == 0 ? "" : ", " + incomplete + " incomplete"));
    return malformed > 0 ? Main.BAD_INPUT : disagree > 0 ? Main.UNEXPECTED
        : incomplete > 0 ? Main.INCOMPLETE : Main.OK;
  }

  /** The files named, directories expanded to their *.litmus files in name order. */
  static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".litmus")).sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UsageError("cannot list " + p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new UsageError("no such file or directory: " + p);
      }
    }
    return files;
  }
}
