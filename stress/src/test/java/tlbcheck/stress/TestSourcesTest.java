package tlbcheck.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.real.StressTest;

/** The generated jcstress sources, from the model module alone. */
class TestSourcesTest {
  private static final List<StressTest> TESTS = StressTest.of(Catalogue.all());

  /** Violations are FORBIDDEN in a safe variant and ACCEPTABLE_INTERESTING in a buggy one. */
  @Test
  void outcomeExpectationsFollowTheCatalogue() {
    for (StressTest t : TESTS) {
      String source = TestSources.source(t);
      assertTrue(source.contains("@Outcome(id = \"ok\", expect = Expect.ACCEPTABLE,"));
      String violation = t.expected().safe() ? "Expect.FORBIDDEN"
          : "Expect.ACCEPTABLE_INTERESTING";
      String other = t.expected().safe() ? "Expect.ACCEPTABLE_INTERESTING" : "Expect.FORBIDDEN";
      assertTrue(source.contains(violation), t.className());
      assertFalse(source.contains(other), t.className());
    }
  }

  /** Each test is a class of its own, named after its protocol, race and variant. */
  @Test
  void eachTestIsAClassNamedForItsRaceAndVariant() {
    StressTest avi = TESTS.stream().filter(t -> t.className().endsWith("m1.Flag_AviV3"))
        .findFirst().orElseThrow();
    String source = TestSources.source(avi);
    assertTrue(source.startsWith("package tlbcheck.stress.m1;\n"), source);
    assertTrue(source.contains("public class Flag_AviV3 {"), source);
    assertTrue(source.contains("new RaceRun(\"m1\", \"flag\", \"avi-v3\")"), source);
    assertEquals(TESTS.size(), TESTS.stream().map(StressTest::className).distinct().count());
  }

  /**
   * A model file's race runs in one of two classes, by its expectation; the file is named by
   * the environment at run time, so every outcome but ok takes the class's default expectation.
   */
  @Test
  void modelFilesRunInTwoClassesWithADefaultOutcome() {
    String safe = TestSources.fileSource(true);
    assertTrue(safe.startsWith("package tlbcheck.stress.files;\n"), safe);
    assertTrue(safe.contains("public class SafeFile {"), safe);
    assertTrue(safe.contains("@Outcome(expect = Expect.FORBIDDEN,"), safe);
    assertTrue(safe.contains("RaceRun.ofFile()"), safe);
    String buggy = TestSources.fileSource(false);
    assertTrue(buggy.contains("public class BuggyFile {"), buggy);
    assertTrue(buggy.contains("@Outcome(expect = Expect.ACCEPTABLE_INTERESTING,"), buggy);
  }
}
