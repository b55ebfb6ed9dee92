package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlbcheck.CliRun;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;

/**
 * Litmus tests as herd7 runs them: the exact final states of a test (completeness, not only the
 * verdict), the three answers of a final clause, and the command's herd7-style lines, exit
 * codes and byte-identical output.
 */
class LitmusTest {
  /**
   * MP under sc: P1 can see neither write, only x, or both; never y without x. Exactly those
   * three final states, and the clause holds in none of them.
   */
  @Test
  void messagePassingHasExactlyItsThreeFinalStates() throws Exception {
    Observation o = LitmusConformanceTest.observe("MP");
    assertEquals(List.of("1:r0=0; 1:r1=0;", "1:r0=0; 1:r1=1;", "1:r0=1; 1:r1=1;"), o.states());
    assertEquals("Observation MP Never 0 3", o.line());
  }

  /** SB.either asks for a state every execution reaches: Always. */
  @Test
  void aClauseEveryFinalStateSatisfiesIsAlways() throws Exception {
    assertEquals("Observation SB.either Always 3 0",
        LitmusConformanceTest.observe("SB.either").line());
  }

  /** A forall clause is judged like herd7's: Sometimes when some final state breaks it. */
  @Test
  void forallIsSometimesWhenAStateBreaksIt() throws Exception {
    String text = """
        C forall-x
        {}
        P0(int *x) { WRITE_ONCE(*x, 1); }
        P1(int *x) { WRITE_ONCE(*x, 2); }
        forall (x=2)
        """;
    Observation o = Litmus.run(ModelFile.parse("forall.litmus", text), SearchConfig.defaults());
    assertEquals("Observation forall-x Sometimes 1 1", o.line());
  }

  /** A loop unrolls, and atomics count: three increments from two threads reach 3 and 2 only. */
  @Test
  void loopsUnrollAndAtomicsAreOneStepEach() throws Exception {
    String text = """
        C loop
        { x=0; }
        P0(atomic_t *x) { for (int i = 0; i < 2; i++) { atomic_inc(x); } }
        P1(atomic_t *x) { int r0; r0 = atomic_fetch_add(1, x); }
        exists (x=3)
        """;
    Observation o = Litmus.run(ModelFile.parse("loop.litmus", text), SearchConfig.defaults());
    assertEquals("Observation loop Always 1 0", o.line());
  }

  @Test
  void theCommandAgreesWithTheTableAndIsDeterministic() {
    CliRun first = CliRun.of("litmus", LitmusConformanceTest.DIR.toString(), "--expected",
        LitmusConformanceTest.DIR.resolve("expected.tsv").toString());
    assertEquals(0, first.code(), first.out() + first.err());
    long tests = first.out().lines().filter(l -> l.startsWith("Observation ")).count();
    assertTrue(first.out().contains(tests + " tests under sc: " + tests + " agree with "
        + "expected.tsv, 0 disagree"), first.out());
    CliRun second = CliRun.of("litmus", LitmusConformanceTest.DIR.toString(), "--expected",
        LitmusConformanceTest.DIR.resolve("expected.tsv").toString());
    assertEquals(first.out(), second.out());
    CliRun x86 = CliRun.of("litmus", "--memory", "x86", LitmusConformanceTest.DIR.toString(),
        "--expected", LitmusConformanceTest.DIR.resolve("expected.tsv").toString());
    assertEquals(0, x86.code(), x86.out() + x86.err());
    assertTrue(x86.out().contains("Observation SB Sometimes 1 3\n"), x86.out());
    assertTrue(x86.out().contains(tests + " tests under x86: " + tests + " agree"), x86.out());
  }

  /** A table that expects another verdict makes the command print it and exit 1. */
  @Test
  void aDisagreementIsPrintedAndExitsOne(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("wrong.tsv");
    Files.writeString(table, "name\tsc\nMP\tSometimes\n");
    CliRun r = CliRun.of("litmus", LitmusConformanceTest.DIR.resolve("MP.litmus").toString(),
        "--expected", table.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("Observation MP Never 0 3\n  DISAGREES: wrong.tsv expects "
        + "Sometimes under sc"), r.out());
  }

  @Test
  void badInputExitsTwoWithItsPlace(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("bad.tsv");
    Files.writeString(table, "name\tsc\nMP\tmaybe\n");
    CliRun r = CliRun.of("litmus", LitmusConformanceTest.DIR.toString(), "--expected",
        table.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.tsv:2: 'maybe' is not Never, Sometimes or Always"),
        r.err());
    Path file = dir.resolve("bad.litmus");
    Files.writeString(file, "C bad\n{}\nP0(int *x) {\n  WRITE_ONCE(*y, 1);\n}\nexists (x=1)\n");
    r = CliRun.of("litmus", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(file + ":4:15: unknown shared variable 'y'"), r.err());
    r = CliRun.of("litmus", "--memory", "power", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--memory: unknown memory model 'power'; the explorer has: sc, "
        + "x86"), r.err());
  }
}
