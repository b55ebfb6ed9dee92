package tlbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Expectation;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.result.Check;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.Results;
import tlbcheck.result.Schedule;
import tlbcheck.result.StressRun;
import tlbcheck.result.Verdict;
import tlbcheck.suite.Models;

/**
 * results.json, version 2: every result of a run survives the round trip exactly (so a report
 * rendered from the file shows what the run found), the schedule in the file replays to the same
 * violation, and a file that is not version-2 results is rejected with a message that says what
 * is wrong and where.
 */
class ResultsJsonTest {
  /** Real results: m1 eager (safe, with a metric) and avi-v3 (P1, with Lincheck and jcstress). */
  static Results sample() {
    Protocol m1 = Catalogue.protocol("m1");
    Expectation safe = m1.expected("eager", "race");
    Expectation buggy = m1.expected("avi-v3", "race");
    Map<String, Long> samples = new LinkedHashMap<>();
    samples.put("ok", 4_400_000L);
    samples.put("stale-tlb", 425L);
    Check eager = Check.of(safe,
        Explorer.check(m1.build("eager", "race", Params.DEFAULT)));
    Check avi = Check.of(buggy,
            Explorer.check(m1.build("avi-v3", "race", Params.DEFAULT)))
        .withLincheck(new LincheckRun("violates P1", 12, 1, 1_500_000_000L, true,
            "= Invalid execution results =\n<script>alert(\"x\")</script> & more"))
        .withStress(new StressRun("flag", List.of("ok", "stale-tlb"), samples, true,
            "stale-tlb seen"));
    return new Results(List.of(eager, avi));
  }

  @Test
  void resultsSurviveTheRoundTrip() throws Exception {
    Results r = sample();
    String json = ResultsJson.write(r);
    assertEquals(r, ResultsJson.read(json));
    assertEquals(json, ResultsJson.write(ResultsJson.read(json)));
  }

  @Test
  void theFileNamesItsFormatAndVersion() {
    String json = ResultsJson.write(sample());
    assertTrue(json.startsWith("{\n  \"format\" : \"tlbcheck-results\",\n  \"version\" : 2,"),
        json);
  }

  /** The schedule lines of a trace in the file are a hand-written schedule replay accepts. */
  @Test
  void theScheduleInTheFileReplaysToTheSameViolation() throws Exception {
    Results r = ResultsJson.read(ResultsJson.write(sample()));
    Verdict.Violated v = (Verdict.Violated) r.checks().get(1).explorer().verdict();
    String text = "# " + v.trace().model().header() + "\n"
        + String.join("\n", v.trace().schedule()) + "\n";
    assertEquals("violates P1", Models.catalogue().replay(Schedule.parse(text)).label());
    assertEquals("invlpg: spin_lock(mmu_lock)", v.trace().schedule().get(0));
  }

  @Test
  void notJsonIsRejectedWithItsLine() {
    var e = assertThrows(ResultsJson.FormatError.class, () -> ResultsJson.read("{\n  \"format\""));
    assertTrue(e.getMessage().startsWith("line 2, column"), e.getMessage());
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @Test
  void anotherFormatIsRejected() {
    var e = assertThrows(ResultsJson.FormatError.class, () -> ResultsJson.read("[1, 2]"));
    assertEquals("not tlbcheck results: the top level must be an object with \"format\": "
        + "\"tlbcheck-results\"", e.getMessage());
  }

  @Test
  void anotherVersionIsRejected() {
    String json = ResultsJson.write(sample()).replace("\"version\" : 2", "\"version\" : 1");
    var e = assertThrows(ResultsJson.FormatError.class, () -> ResultsJson.read(json));
    assertEquals("results version 1 is not supported (this tlbcheck reads version 2)",
        e.getMessage());
  }

  @Test
  void anUnknownFieldIsRejectedWithItsPath() {
    String json = ResultsJson.write(sample())
        .replaceFirst("\"depth\"", "\"deepest\" : 1, \"depth\"");
    var e = assertThrows(ResultsJson.FormatError.class, () -> ResultsJson.read(json));
    assertEquals("checks[0].explorer.stats: unknown field 'deepest'", e.getMessage());
  }

  @Test
  void aMissingFieldIsRejectedWithItsPath() {
    String json = ResultsJson.write(sample()).replaceFirst("\"safe\" : true,", "");
    var e = assertThrows(ResultsJson.FormatError.class, () -> ResultsJson.read(json));
    assertEquals("checks[0].expected: missing field 'safe'", e.getMessage());
  }
}
