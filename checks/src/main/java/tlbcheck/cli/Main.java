package tlbcheck.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.ModelError;

/**
 * The {@code tlbcheck} command. Exit codes (DESIGN.md "The command line"): 0 every verdict as
 * expected (for {@code check}: no violation), 1 an unexpected verdict (a violation), 2 bad usage
 * or input, 3 incomplete. Only this package prints or exits (STYLE.md 10).
 */
// The help options are inherited, so that every command takes --help ("tlbcheck verify --help").
@Command(name = "tlbcheck", mixinStandardHelpOptions = true, version = "tlbcheck 0.1.0",
    scope = CommandLine.ScopeType.INHERIT,
    description = "A deterministic model checker for deferred TLB-flush protocols in hypervisor "
        + "MMUs.",
    subcommands = {ListCommand.class, CheckCommand.class, VerifyCommand.class, ReplayCommand.class,
        ReportCommand.class, BenchCommand.class, NecessityCommand.class,
        LitmusCommand.class})
public final class Main {
  public static final int OK = 0;
  public static final int UNEXPECTED = 1;
  public static final int BAD_INPUT = 2;
  public static final int INCOMPLETE = 3;

  private Main() {}

  public static void main(String[] args) {
    // A litmus run, or its benchmark, is short enough for the cold start to dominate it.
    if (args.length > 0 && (args[0].equals("litmus")
        || args[0].equals("bench") && java.util.List.of(args).contains("--litmus"))) {
      Warmup.start();
    }
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof CatalogueError || e instanceof ModelError || e instanceof UsageError) {
        cmd.getErr().println("tlbcheck: " + e.getMessage());
        return BAD_INPUT;
      }
      throw e;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("tlbcheck: " + e.getMessage());
      cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return BAD_INPUT;
    });
    if (args.length == 0) {
      cli.usage(out);
      return BAD_INPUT;
    }
    return cli.execute(args);
  }
}
