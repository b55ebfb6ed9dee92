package tlbcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlbcheck.CliRun;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.Protocol;

/**
 * The command line's exit codes (0 as expected, 1 a violation, 2 bad input, 3 incomplete) and
 * its messages: bad input names what is wrong and never prints a stack trace.
 */
class CliTest {

  private static void assertBadInput(CliRun r, String message) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
  }

  @Test
  void checkOfASafeVariantExitsZero() {
    CliRun r = CliRun.of("check", "m1", "--variant", "eager");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("verdict: safe"), r.out());
  }

  @Test
  void checkOfAViolationExitsOneAndPrintsTheTrace() {
    CliRun r = CliRun.of("check", "m1", "--variant", "avi-v3", "--scenario", "s1");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("VIOLATED P1: vcpu1's TLB maps frame f after the host freed it"),
        r.out());
    assertTrue(r.out().contains("remote_tlbs_dirty: true -> false"), r.out());
  }

  @Test
  void checkWithoutVariantChecksEveryVariant() {
    CliRun r = CliRun.of("check", "m1");
    assertEquals(1, r.code());
    for (String v : new String[] {"eager", "avi-v3", "andrea-v4", "flush-then-clear",
        "tlbs-dirty-cmpxchg", "under-mmu-lock"}) {
      assertTrue(r.out().contains("variant " + v + " "), v);
    }
  }

  @Test
  void checkOutputIsByteIdenticalAcrossRuns() {
    assertEquals(CliRun.of("check", "m1", "-N", "3").out(), CliRun.of("check", "m1", "-N", "3").out());
  }

  @Test
  void limitReachedExitsThree() {
    CliRun r = CliRun.of("check", "m1", "--variant", "eager", "--max-states", "10");
    assertEquals(3, r.code());
    assertTrue(r.out().contains("verdict: INCOMPLETE"), r.out());
    assertTrue(r.out().contains("stopped by --max-states 10"), r.out());
  }

  /**
   * --no-por (--no-partial-order) switches the partial-order reduction off under arm64: the
   * same violation, found in more states.
   */
  @Test
  void noPorStoresEveryInterleavingUnderArm64() {
    CliRun with = CliRun.of("check", "m1", "--variant", "avi-v3", "--scenario", "s1",
        "--memory", "arm64");
    CliRun without = CliRun.of("check", "m1", "--variant", "avi-v3", "--scenario", "s1",
        "--memory", "arm64", "--no-por");
    assertEquals(1, with.code(), with.err());
    assertEquals(1, without.code(), without.err());
    assertTrue(with.out().contains("states 11,383 "), with.out());
    assertTrue(without.out().contains("states 17,239 "), without.out());
  }

  @Test
  void verifyExitsZeroWhenEveryVerdictIsExpected() {
    CliRun r = CliRun.of("verify", "m3", "m4-unmap");
    assertEquals(0, r.code(), r.out());
    int checks = CliRun.verifyRows("m3", "m4-unmap");
    assertTrue(r.out().contains(checks + " checks: " + checks + " as expected, 0 unexpected, "
        + "0 incomplete"), r.out());
  }

  @Test
  void verifyThatRunsOutOfStatesExitsThree() {
    CliRun r = CliRun.of("verify", "m1", "--max-states", "100");
    assertEquals(3, r.code(), r.out());
  }

  @Test
  void listShowsEveryVariantWithItsExpectation() {
    CliRun r = CliRun.of("list");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("andrea-v4             race: violates P1     s1: safe"), r.out());
  }

  @Test
  void unknownModel() {
    assertBadInput(CliRun.of("check", "m7"), "unknown model 'm7'; models: m1, m2, m3, m4, m4-unmap");
    assertBadInput(CliRun.of("verify", "m7"), "unknown model 'm7'");
  }

  @Test
  void unknownVariant() {
    assertBadInput(CliRun.of("check", "m1", "--variant", "avi-v5"), "unknown variant 'avi-v5' of "
        + "model m1; variants: eager, avi-v3, andrea-v4, andrea-v4-no-wmb, flush-then-clear, "
        + "tlbs-dirty-cmpxchg, tlbs-dirty-no-wmb, tlbs-dirty-no-mb, under-mmu-lock");
  }

  @Test
  void unknownScenario() {
    assertBadInput(CliRun.of("check", "m1", "--scenario", "s2"),
        "unknown scenario 's2' of model m1; scenarios: race, s1");
  }

  @Test
  void unknownOption() {
    assertBadInput(CliRun.of("check", "m1", "--fast"), "Unknown option: '--fast'");
  }

  @Test
  void malformedNumber() {
    assertBadInput(CliRun.of("check", "m1", "-N", "two"), "Invalid value for option '-N'");
  }

  @Test
  void parameterOutOfRange() {
    assertBadInput(CliRun.of("check", "m1", "-N", "1"), "model m1 needs N >= 2");
    assertBadInput(CliRun.of("check", "m1", "-A", "-1"), "parameter A = -1 is out of range");
  }

  @Test
  void nonPositiveLimit() {
    assertBadInput(CliRun.of("check", "m1", "--max-states", "0"), "--max-states must be at least 1");
    assertBadInput(CliRun.of("check", "m1", "--max-seconds", "-3"), "--max-seconds must be a positive");
  }

  @Test
  void unknownEngine() {
    assertBadInput(CliRun.of("verify", "m1", "--engines", "explorer,spin"),
        "unknown engine 'spin'; the engines are explorer, lincheck");
  }

  @Test
  void removedTablesOutOfRange() {
    assertBadInput(CliRun.of("check", "m3", "-P", "3"), "model m3 takes P = 1 or 2 removed page "
        + "tables, got 3");
  }

  @Test
  void noCommand() {
    assertEquals(2, CliRun.of().code());
  }

  /**
   * verify writes results.json and the HTML pages rendered from it; report renders the same
   * pages, byte for byte, from the saved file alone.
   */
  @Test
  void reportRendersFromSavedResultsWhatVerifyWrote(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("verify");
    CliRun v = CliRun.of("verify", "m1", "--memory", "sc", "--report", first.toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().contains("report: " + first.resolve("index.html")), v.out());
    Path second = dir.resolve("again");
    CliRun r = CliRun.of("report", first.resolve("results.json").toString(), "--out",
        second.toString());
    assertEquals(0, r.code(), r.err());
    Protocol m1 = Catalogue.protocol("m1");
    int rows = m1.variants().size()
        * m1.scenarios().stream().mapToInt(s -> m1.verifiedParams(s).size()).sum();
    assertTrue(r.out().contains(rows + " checks, 0 unexpected, 0 incomplete, 0 broken"),
        r.out());
    for (String page : new String[] {"index.html", "traces/m1-avi-v3-s1-N2-A2.html"}) {
      assertEquals(Files.readString(first.resolve(page)), Files.readString(second.resolve(page)),
          page);
    }
  }

  @Test
  void reportOfAFileThatIsNotResultsIsBadInput(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "{\"format\": \"tlbcheck-results\", \"version\": 7, \"checks\": []}");
    assertBadInput(CliRun.of("report", file.toString()),
        file + ": results version 7 is not supported (this tlbcheck reads version 2)");
    Files.writeString(file, "{ not json");
    assertBadInput(CliRun.of("report", file.toString()), file + ": line 1, column 3: not JSON");
    assertBadInput(CliRun.of("report", dir.resolve("missing.json").toString()), "cannot read ");
  }

  @Test
  void checkWritesItsResultsAsJsonThatReportRenders(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("avi-v3.json");
    CliRun c = CliRun.of("check", "m1", "--variant", "avi-v3", "--json", json.toString());
    assertEquals(1, c.code(), c.err());
    CliRun r = CliRun.of("report", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(dir.resolve("index.html"))
        .contains("<a href=\"traces/m1-avi-v3-race-N2-A2.html\">violates P1</a>"));
  }

  /**
   * --max-seconds bounds the whole necessity run, every search in it (the original's, each
   * mutant's) sharing the one clock: m2 read-lock notifier at N=3 (98,270 states) has 23
   * mutants, and the run still ends in about a second, INCOMPLETE, with exit 3.
   */
  @Test
  void necessityHonoursTheTimeBoundAcrossMutants() {
    long start = System.nanoTime();
    CliRun r = CliRun.of("necessity", "m2", "--variant", "read-lock", "--scenario", "notifier",
        "-N", "3", "--max-seconds", "1");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(3, r.code(), r.err());
    // The bound stops the original's search or, once it is proved, the mutants'.
    assertTrue(r.out().contains("INCOMPLETE"), r.out());
    assertTrue(r.out().contains("stopped by --max-seconds 1"), r.out());
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  /** necessity prints one table per scenario the variant is safe in, as the golden files pin. */
  @Test
  void necessityPrintsATablePerSafeScenario() throws IOException {
    CliRun r = CliRun.of("necessity", "m1", "--variant", "eager");
    assertEquals(0, r.code(), r.err());
    Path golden = Path.of("src/test/resources/golden/necessity");
    String race = Files.readString(golden.resolve("m1-eager-race.txt"));
    String s1 = Files.readString(golden.resolve("m1-eager-s1.txt"));
    assertEquals(race + "\n" + s1, r.out());
  }

  @Test
  void necessityRefusesAVariantThatIsNotSafe() {
    assertBadInput(CliRun.of("necessity", "m1", "--variant", "avi-v3"),
        "variant avi-v3 of m1 is not expected to be safe in any scenario under sc; necessity "
            + "takes a safe "
            + "variant: eager, andrea-v4, andrea-v4-no-wmb, tlbs-dirty-cmpxchg, tlbs-dirty-no-wmb, "
            + "tlbs-dirty-no-mb, under-mmu-lock");
    assertBadInput(CliRun.of("necessity", "m1", "--variant", "andrea-v4", "--scenario", "race"),
        "variant andrea-v4 of m1 is expected to violate P1 in scenario race under sc");
    assertBadInput(CliRun.of("necessity", "m1"), "Missing required option: '--variant=V'");
  }

  /**
   * --workers on levels large enough for the default slices (m1 at N=5, A=3: 1.4 M states):
   * the same bytes as one worker, for a proof and for a violation found mid-level.
   */
  @Test
  void workersPrintTheSameAsOne() {
    for (String variant : new String[] {"tlbs-dirty-cmpxchg", "avi-v3"}) {
      CliRun one = CliRun.of("check", "m1", "--variant", variant, "-N", "5", "-A", "3");
      CliRun two = CliRun.of("check", "m1", "--variant", variant, "-N", "5", "-A", "3", "--workers", "2");
      assertEquals(one.code(), two.code(), two.err());
      assertEquals(one.out(), two.out(), variant);
    }
    assertBadInput(CliRun.of("check", "m1", "--workers", "0"), "--workers must be between 1 and 256");
  }
}
