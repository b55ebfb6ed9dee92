package tlbcheck.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.CliRun;
import tlbcheck.cli.Main;
import tlbcheck.report.ResultText;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.suite.Models;

/**
 * A reported race turned into a test: schedules parsed from a saved trace or written by hand,
 * replayed against their model, each outcome one assertion.
 */
class ReplayTest {
  static Stream<String> goldens() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
      // Only the counterexamples: golden/necessity holds mutants' traces, whose removed steps
      // are not the catalogue model's.
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted()
          .toList().stream();
    }
  }

  /**
   * Render, parse, replay, render gives the same text, for every pinned counterexample: the
   * column trace is a schedule, and replaying it takes exactly the explorer's steps.
   */
  @ParameterizedTest
  @MethodSource("goldens")
  void everyGoldenTraceReplaysToItself(String golden) throws IOException {
    String text = Files.readString(Path.of("src/test/resources/golden", golden));
    Replayed r = Models.catalogue().replay(Schedule.parse(text));
    assertEquals(text, ResultText.replayed(r));
  }

  static Stream<String> arm64Goldens() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/arm64"))) {
      // The catalogue's; the others are litmus files, checked by their own tests.
      return files.map(p -> "arm64/" + p.getFileName()).filter(n -> n.startsWith("arm64/m"))
          .sorted().toList().stream();
    }
  }

  /**
   * The same under arm64, where a trace is a schedule too: each store reaching memory and each
   * TLBI completing is a row of its own, and the changes column says which write each load and
   * walk read (M4's walk through a freed table reads an old entry), which the replay takes.
   */
  @ParameterizedTest
  @MethodSource("arm64Goldens")
  void everyArm64GoldenTraceReplaysToItself(String golden) throws IOException {
    everyGoldenTraceReplaysToItself(golden);
  }

  /**
   * The lost flush of the 2009 kvm list thread (PROTOCOLS.md S1), written by hand from the
   * thread's telling: invlpg sets remote_tlbs_dirty, sync clears it and flushes, vCPU 1 caches
   * the page through the spte invlpg has not zapped yet, and the notifier, finding nothing to
   * zap and the flag clear, frees the page without a flush. On avi-v3 it breaks P1; on
   * tlbs-dirty-cmpxchg invlpg zaps before it counts, so the schedule does not even fit.
   */
  @Test
  void theLostFlushOf2009() throws IOException {
    Schedule s = Schedule.parse(resource("/schedules/kvm-2009-lost-flush.txt"));
    assertEquals("violates P1", Models.catalogue().replay(s).label());
    assertEquals("does not fit", Models.catalogue().replay(s, "tlbs-dirty-cmpxchg").label());
    assertEquals("does not fit", Models.catalogue().replay(s, "flush-then-clear").label());
  }

  @Test
  void theHandWrittenFormRoundTrips() throws IOException {
    Schedule s = Schedule.parse(resource("/schedules/kvm-2009-lost-flush.txt"));
    Schedule again = Schedule.parse(s.toText());
    assertEquals(s.model(), again.model());
    assertEquals(s.steps().stream().map(e -> e.thread() + ": " + e.label()).toList(),
        again.steps().stream().map(e -> e.thread() + ": " + e.label()).toList());
  }

  /** The whole output of check, saved to a file, is a schedule. */
  @Test
  void theSavedOutputOfCheckReplays(@TempDir Path dir) throws IOException {
    Path saved = dir.resolve("avi-v3.txt");
    Files.writeString(saved, CliRun.of("check", "m1", "--variant", "avi-v3").out());
    CliRun r = CliRun.of("replay", saved.toString());
    assertEquals(Main.UNEXPECTED, r.code(), r.err());
    assertTrue(r.out().contains("VIOLATED P1"), r.out());
  }

  /** A schedule that reaches no violation exits 0; one that does not fit exits 2. */
  @Test
  void exitCodes(@TempDir Path dir) throws IOException {
    Path quiet = dir.resolve("quiet.txt");
    Files.writeString(quiet, String.join("\n", "# model m1  variant avi-v3  scenario race  N=2",
        "guest(1): access(tlb, spte)", "invlpg: spin_lock(mmu_lock)", ""));
    assertEquals(Main.OK, CliRun.of("replay", quiet.toString()).code());
    Path lost = dir.resolve("lost.txt");
    Files.writeString(lost, resource("/schedules/kvm-2009-lost-flush.txt"));
    CliRun misfit = CliRun.of("replay", lost.toString(), "--variant", "tlbs-dirty-cmpxchg");
    assertEquals(Main.BAD_INPUT, misfit.code());
    assertTrue(misfit.err().contains("line 10: step 3 (invlpg: *remote_tlbs_dirty = true) does "
        + "not fit m1/tlbs-dirty-cmpxchg/s1 N=2 A=2: invlpg's next step is '*spte = "
        + "NONPRESENT', not '*remote_tlbs_dirty = true'"), misfit.err());
  }

  /** A step that is not enabled says what blocks it. */
  @Test
  void aBlockedStepSaysWhatBlocksIt() {
    Schedule s = Schedule.parse(String.join("\n", "# model m1  variant avi-v3  scenario race",
        "invlpg: spin_lock(mmu_lock)", "notifier: spin_lock(mmu_lock)"));
    Replayed r = Models.catalogue().replay(s);
    assertEquals("does not fit", r.label());
    assertEquals("notifier is blocked at 'spin_lock(mmu_lock)' (mmu_lock == locked)",
        ((Replayed.Misfit) r).reason());
  }

  @Test
  void anUnknownThreadIsNamed() {
    Schedule s = Schedule.parse("# model m1  variant avi-v3  scenario race\nguest(7): access(tlb, spte)");
    assertEquals("there is no thread 'guest(7)'; the threads are [invlpg, sync, notifier, "
        + "guest(1)]", ((Replayed.Misfit) Models.catalogue().replay(s)).reason());
  }

  @Test
  void malformedSchedulesAreNamedByLine() {
    Schedule.ParseError noHeader = assertThrows(Schedule.ParseError.class,
        () -> Schedule.parse("invlpg: spin_lock(mmu_lock)\n"));
    assertTrue(noHeader.getMessage().startsWith("line 1: no trace header"));
    Schedule.ParseError badLine = assertThrows(Schedule.ParseError.class,
        () -> Schedule.parse("# model m1  variant avi-v3  scenario race\ninvlpg spin_lock\n"));
    assertEquals("line 2: expected 'thread: step label', found 'invlpg spin_lock'",
        badLine.getMessage());
    for (List<String> args : List.of(List.of("replay", "no-such-file.txt"))) {
      CliRun r = CliRun.of(args.toArray(new String[0]));
      assertEquals(Main.BAD_INPUT, r.code());
      assertTrue(r.err().startsWith("tlbcheck: cannot read no-such-file.txt"), r.err());
    }
  }


  private static String resource(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
