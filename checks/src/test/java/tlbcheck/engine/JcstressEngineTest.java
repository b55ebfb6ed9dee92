package tlbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.LimitReached;

/**
 * Reading jcstress's output and judging it against the explorer, on the output of a real short
 * run of M1 and M4 (checks/src/test/resources/jcstress/m1-m4-short.out), and on observations
 * made up to break each rule.
 */
class JcstressEngineTest {
  private static Map<String, JcstressEngine.Observed> observed;
  private static Map<String, JcstressTests.Test> tests = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException, LimitReached {
    try (InputStream in = JcstressEngineTest.class.getResourceAsStream(
        "/jcstress/m1-m4-short.out")) {
      observed = JcstressEngine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    JcstressTests.all().forEach(t -> tests.put(t.className(), t));
  }

  /**
   * The summary's tables are read, not the per-fork tables printed while the run goes on, and
   * outcomes with no samples are left out.
   */
  @Test
  void readsTheSummaryOfEveryTest() {
    assertEquals(13, observed.size());
    assertEquals(Map.of("ok", 4_153_022L, "stale-tlb", 360L),
        observed.get("tlbcheck.stress.m1.Flag_AviV3").samples());
    assertEquals(Map.of("ok", 5_494_822L),
        observed.get("tlbcheck.stress.m1.Flag_Eager").samples());
    assertEquals("OK", observed.get("tlbcheck.stress.m1.Flag_Eager").status());
    assertEquals(Map.of("table-leak", 4_778_022L),
        observed.get("tlbcheck.stress.m4.Coalesce_RfcMissingPut").samples());
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
        new JcstressEngine.Observed("OK", Map.of("ok", 3L, "table-leak", 10L)));
    assertFalse(r.agrees());
    assertTrue(r.verdict().startsWith("DISAGREES: observed [ok]"), r.verdict());
  }

  @Test
  void aBuggyVariantThatShowsNothingFails() {
    JcstressEngine.Result r = JcstressEngine.judge(test("m1.Flag_AviV3"),
        new JcstressEngine.Observed("OK", Map.of("ok", 1000L)));
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
}
