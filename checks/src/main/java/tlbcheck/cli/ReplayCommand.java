package tlbcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.explorer.Replay;
import tlbcheck.model.Model;
import tlbcheck.report.ResultText;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;

/**
 * {@code tlbcheck replay FILE}: replays a schedule, the saved output of {@code check} or one
 * written by hand, against the model its header names (or another variant), and prints the
 * trace. Exit 1 if it reaches a violation or deadlock, 0 if it does not, 2 if it does not fit.
 */
@Command(name = "replay", description = "Replay a schedule (the saved output of check, or "
    + "'thread: step label' lines under a '# model ...' header) against its model. Exit 1 if it "
    + "reaches a violation, 0 if not, 2 if the schedule does not fit the model.")
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the schedule")
  Path file;

  @Option(names = "--variant", paramLabel = "V",
      description = "replay against this variant instead of the one in the header")
  String variant;

  @Mixin
  ModelsOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("cannot read " + file + ": " + e.getMessage());
    }
    Schedule schedule;
    try {
      schedule = Schedule.parse(text);
    } catch (Schedule.ParseError e) {
      throw new UsageError(file + ", " + e.getMessage());
    }
    Model model = models.models().model(schedule,
        variant != null ? variant : schedule.model().variant());
    Replayed r = Replay.run(model, schedule);
    PrintWriter out = spec.commandLine().getOut();
    out.print(ResultText.replayed(r));
    out.flush();
    if (r instanceof Replayed.Misfit m) {
      Schedule.Entry e = schedule.steps().get(m.index());
      throw new UsageError(file + ", line " + e.line() + ": step " + (m.index() + 1) + " ("
          + e.thread() + ": " + e.label() + ") does not fit " + model.name() + ": "
          + m.reason());
    }
    return r instanceof Replayed.NoViolation ? Main.OK : Main.UNEXPECTED;
  }
}
