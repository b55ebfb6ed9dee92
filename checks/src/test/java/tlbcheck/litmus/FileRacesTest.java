package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tlbcheck.engine.JcstressTests;
import tlbcheck.explorer.LimitReached;
import tlbcheck.file.FileProtocol;
import tlbcheck.file.ModelFile;
import tlbcheck.model.ModelError;
import tlbcheck.model.Race;

/**
 * jcstress on model files: a file's race ({@code race NAME "what" (a) || (b) then (c)}, or its
 * two threads against each other), the stress module's class that runs it, and the outcomes
 * the explorer finds reachable in the race's order, which is all a real run may show.
 */
class FileRacesTest {
  private static final Path EXAMPLES = Path.of("../model/examples");

  private static List<JcstressTests.Test> tests(ModelFile file) throws LimitReached {
    return JcstressTests.of(List.of(FileProtocol.of(file)));
  }

  /**
   * Each shipped example races as its catalogue model does, and a real run of its race may
   * show a stale TLB (P1) only where the file is expected to break it: the explorer finds P1
   * reachable in the race's order exactly there, on the memory model of this machine's CPU.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"m1-avi-v3, flag, BuggyFile, ok p1", "m1-tlbs-dirty-cmpxchg, flag, SafeFile, ok",
      "m4-unmap-deferred-range, unmap, SafeFile, ok",
      "m4-unmap-deferred-free-early, unmap, BuggyFile, ok p1",
      "m4-unmap-deferred-range-no-dsb, unmap, SafeFile, ok"})
  void eachExampleRacesLikeItsCatalogueModel(String example, String race, String className,
      String outcomes) throws LimitReached {
    List<JcstressTests.Test> tests = tests(ModelFile.read(EXAMPLES.resolve(example
        + ".litmus")));
    assertEquals(1, tests.size());
    JcstressTests.Test t = tests.get(0);
    assertEquals(race, t.race().id());
    assertEquals("tlbcheck.stress.files." + className, t.className());
    assertEquals(List.of(outcomes.split(" ")), t.reachableOutcomes());
  }

  /** A litmus test of two threads races them against each other: SB, as jcstress runs it. */
  @Test
  void aFileOfTwoThreadsRacesThem() throws LimitReached {
    Race r = ModelFile.read(LitmusConformanceTest.DIR.resolve("SB.litmus")).race();
    assertEquals(List.of("P0"), r.first());
    assertEquals(List.of("P1"), r.second());
    assertTrue(r.before().isEmpty() && r.after().isEmpty());
    assertEquals(List.of("exists", "ok"), tests(ModelFile.read(LitmusConformanceTest.DIR
        .resolve("SB.litmus"))).get(0).reachableOutcomes());
  }

  /** A file of three threads that declares no race has none: jcstress runs two actors. */
  @Test
  void aFileOfThreeThreadsWithoutARaceHasNone() throws LimitReached {
    assertEquals(List.of(), tests(ModelFile.read(LitmusConformanceTest.DIR
        .resolve("3.SB+mb+mb+po.litmus"))));
  }

  private static final String THREE = """
      C three
      { }
      P0(int *x) { WRITE_ONCE(*x, 1); }
      P1(int *x) { WRITE_ONCE(*x, 2); }
      P2(int *x) { int r0; r0 = READ_ONCE(*x); }
      exists (2:r0=1)
      RACE
      """;

  private static void assertRefused(String expected, String race) {
    String message = assertThrows(ModelError.class, () -> ModelFile.parse("t.litmus",
        THREE.replace("RACE", race))).getMessage();
    assertTrue(message.contains(expected), message);
  }

  @Test
  void aRaceThatDoesNotPlaceEveryThreadOnceIsRefused() {
    assertEquals(List.of("P2"), ModelFile.parse("t.litmus", THREE.replace("RACE",
        "race r \"w\" (P0) || (P1) then (P2)")).race().after());
    assertRefused("t.litmus:7:1: the race places every thread once; it leaves out [P2]",
        "race r \"w\" (P0) || (P1)");
    assertRefused("the race names 'P3', which is no thread of the file",
        "race r \"w\" (P0) || (P1, P3) then (P2)");
    assertRefused("the race names 'P1' twice", "race r \"w\" (P0, P1) || (P1) then (P2)");
    assertRefused("a model file declares one race; this is a second",
        "race r \"w\" (P0) || (P1) then (P2)\nrace s \"w\" (P0) || (P1) then (P2)");
  }
}
