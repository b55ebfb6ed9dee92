package tlbcheck.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.Replay;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Model;
import tlbcheck.model.Protocol;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.MetricValue;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.result.Verdict;

/**
 * The checker as assertions, one statement each, for a user's JUnit 5 tests (and tlbcheck's own
 * catalogue tests, which use the same): a model's verdict, a variant proved safe, a violation of
 * a property, a metric's value, a replayed schedule. A failure is an {@link AssertionError} whose
 * message is what {@code tlbcheck check} or {@code replay} would print (the trace, the property,
 * the state), so a failing test shows the race. Needs nothing but the model module's
 * vocabulary: no catalogue.
 *
 * <pre>{@code
 * assertViolates("P1", new MyProtocol().build("buggy", "race", Params.DEFAULT));
 * assertSafe(new MyProtocol().build("fixed", "race", Params.DEFAULT.withN(3)));
 * assertReplays("violates P1", new MyProtocol(), Path.of("src/test/resources/my-race.txt"));
 * }</pre>
 */
public final class ModelAssertions {
  private ModelAssertions() {
  }

  /**
   * Explores {@code model} with default limits and asserts its verdict reads {@code expected}
   * ({@code safe}, {@code violates P1}, {@code violates DEADLOCK}); returns the result.
   */
  public static CheckResult assertVerdict(String expected, Model model) {
    return assertVerdict(expected, model, MemoryModel.SC);
  }

  /** {@link #assertVerdict(String, Model)} on memory model {@code memory} (x86-TSO, say). */
  public static CheckResult assertVerdict(String expected, Model model, MemoryModel memory) {
    CheckResult r = Explorer.check(model, SearchConfig.defaults().withMemory(memory));
    if (!expected.equals(r.verdict().label())) {
      throw new AssertionError("expected " + model.name() + " to be " + expected + " under "
          + memory + ", but it is " + r.verdict().label() + ":\n" + ResultText.render(r));
    }
    return r;
  }

  /** Asserts that {@code model} is proved safe: every reachable state explored, nothing broken. */
  public static CheckResult assertSafe(Model model) {
    return assertVerdict("safe", model);
  }

  /** Asserts that {@code model} violates {@code property}; returns the shortest violation. */
  public static Verdict.Violated assertViolates(String property, Model model) {
    return (Verdict.Violated) assertVerdict("violates " + property, model).verdict();
  }

  /** Asserts that metric {@code id} of {@code model} is {@code expected} over all executions. */
  public static CheckResult assertMetric(String id, long expected, Model model) {
    CheckResult r = Explorer.check(model, SearchConfig.defaults());
    MetricValue v = r.metrics().stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(model.name() + " has no metric '" + id
            + "' (or the search did not finish): " + r.metrics()));
    if (v.value() != expected) {
      throw new AssertionError("expected metric " + id + " of " + model.name() + " to be "
          + expected + ", but it is " + v.value() + " (" + v.text() + ")");
    }
    return r;
  }

  /**
   * Replays {@code schedule} against {@code protocol}'s model its header names and asserts what
   * it reaches reads {@code expected} ({@code violates P1}, {@code no violation}, {@code does
   * not fit}).
   */
  public static Replayed assertReplays(String expected, Protocol protocol, Schedule schedule) {
    return assertReplays(expected, Replay.model(protocol, schedule,
        schedule.model().variant()), schedule);
  }

  /** {@link #assertReplays(String, Protocol, Schedule)} of a schedule in a file. */
  public static Replayed assertReplays(String expected, Protocol protocol, Path file) {
    try {
      return assertReplays(expected, protocol,
          Schedule.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Schedule.ParseError e) {
      throw new AssertionError(file + ": " + e.getMessage(), e);
    }
  }

  /** Replays {@code schedule} against {@code model} (another variant, say) and asserts it. */
  public static Replayed assertReplays(String expected, Model model, Schedule schedule) {
    Replayed r = Replay.run(model, schedule);
    if (!expected.equals(r.label())) {
      throw new AssertionError("expected the schedule to reach '" + expected + "' on "
          + model.name() + ", but it reaches '" + r.label() + "':\n" + ResultText.replayed(r));
    }
    return r;
  }
}
