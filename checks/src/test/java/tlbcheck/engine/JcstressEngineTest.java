package tlbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.LimitReached;

/**
 * Reading what the stress module makes of jcstress's result files, and judging it against the
 * explorer: on observations like those of a real short run of M1 and M4, and on observations made
 * up to break each rule.
 */
class JcstressEngineTest {
  /** ResultFiles' JSON of three tests, as a short run of M1 and M4 leaves it. */
  private static final String JSON = """
      {
        "format" : "tlbcheck-jcstress",
        "version" : 1,
        "tests" : [ {
          "name" : "tlbcheck.stress.m1.Flag_AviV3",
          "status" : "NORMAL",
          "samples" : { "ok" : 4153022, "stale-tlb" : 360 }
        }, {
          "name" : "tlbcheck.stress.m1.Flag_Eager",
          "status" : "NORMAL",
          "samples" : { "ok" : 5494822 }
        }, {
          "name" : "tlbcheck.stress.m4.Coalesce_RfcMissingPut",
          "status" : "NORMAL",
          "samples" : { "table-leak" : 4778022 }
        } ]
      }
      """;
  private static Map<String, JcstressEngine.Observed> observed;
  private static Map<String, JcstressTests.Test> tests = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException, LimitReached {
    observed = JcstressEngine.read(JSON);
    JcstressTests.all().forEach(t -> tests.put(t.className(), t));
  }

  @Test
  void readsEveryTestsSamplesAndStatus() {
    assertEquals(3, observed.size());
    assertEquals(Map.of("ok", 4_153_022L, "stale-tlb", 360L),
        observed.get("tlbcheck.stress.m1.Flag_AviV3").samples());
    assertEquals("NORMAL", observed.get("tlbcheck.stress.m1.Flag_Eager").status());
    assertEquals(Map.of("table-leak", 4_778_022L),
        observed.get("tlbcheck.stress.m4.Coalesce_RfcMissingPut").samples());
  }

  @Test
  void anotherFormatIsRefused() {
    assertThrows(IOException.class, () -> JcstressEngine.read("{\"format\": \"jcstress\"}"));
  }

  @Test
  void aCaughtBugAndAQuietSafeVariantAgree() {
    JcstressEngine.Result caught = judge("m1.Flag_AviV3");
    assertTrue(caught.agrees());
    assertEquals("caught stale-tlb", caught.verdict());
    JcstressEngine.Result safe = judge("m1.Flag_Eager");
    assertTrue(safe.agrees());
    assertEquals("safe", safe.verdict());
  }

  /** "ok" is unreachable in rfc-missing-put: a real run that shows it disagrees with the model. */
  @Test
  void anOutcomeTheExplorerProvesUnreachableFailsTheRun() {
    JcstressEngine.Result r = JcstressEngine.judge(test("m4.Coalesce_RfcMissingPut"),
        new JcstressEngine.Observed("NORMAL", Map.of("ok", 3L, "table-leak", 10L)));
    assertFalse(r.agrees());
    assertTrue(r.verdict().startsWith("DISAGREES: observed [ok]"), r.verdict());
  }

  @Test
  void aBuggyVariantThatShowsNothingFails() {
    JcstressEngine.Result r = JcstressEngine.judge(test("m1.Flag_AviV3"),
        new JcstressEngine.Observed("NORMAL", Map.of("ok", 1000L)));
    assertFalse(r.agrees());
    assertEquals("NOT OBSERVED", r.verdict());
  }

  @Test
  void aTestMissingFromTheOutputFails() {
    JcstressEngine.Result r = JcstressEngine.judge(test("m1.Flag_AviV3"), null);
    assertFalse(r.agrees());
  }

  private static JcstressEngine.Result judge(String name) {
    return JcstressEngine.judge(test(name), observed.get("tlbcheck.stress." + name));
  }

  private static JcstressTests.Test test(String name) {
    return tests.get("tlbcheck.stress." + name);
  }

  /** A safe variant's test that jcstress could not finish, or that took no sample, fails. */
  @Test
  void aTestJcstressDidNotFinishFailsEvenIfQuiet() {
    JcstressEngine.Result error = JcstressEngine.judge(test("m1.Flag_Eager"),
        new JcstressEngine.Observed("TEST_ERROR", Map.of("ok", 10L)));
    assertFalse(error.agrees());
    assertEquals("NOT RUN (jcstress status TEST_ERROR, 10 samples)", error.verdict());
    JcstressEngine.Result empty = JcstressEngine.judge(test("m1.Flag_Eager"),
        new JcstressEngine.Observed("NORMAL", Map.of()));
    assertFalse(empty.agrees());
  }
}
