package tlbcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Progress;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Domain;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;
import tlbcheck.report.SuiteText;
import tlbcheck.result.Check;
import tlbcheck.result.Results;

/**
 * The suite runner judges each row against its structured expectation, and a broken model is a
 * row of its own: the rows after it still run, and the results say how many are broken.
 */
class SuiteTest {
  /**
   * A protocol of three variants at N = 2 only: {@code ok} (safe, and expected safe), {@code
   * wrong} (safe, but expected to violate P), and {@code broken} (a software step that stores two
   * shared variables: a {@link tlbcheck.model.ModelError} while it is explored).
   */
  private static final class Toy extends Protocol {
    Toy() {
      super("toy", "a toy", List.of("race"), List.of(
          Variant.of("ok", "safe", Expectation.safe("nothing breaks")),
          Variant.of("broken", "two stores in one step", Expectation.safe("nothing breaks")),
          Variant.of("wrong", "safe", Expectation.violation("P", "expected wrongly"))));
    }

    @Override
    public List<Params> verifiedParams(String scenario) {
      return List.of(Params.DEFAULT);
    }

    @Override
    protected Model model(String variant, String scenario, Params params) {
      ModelBuilder m = Model.builder("toy", variant, scenario);
      Var a = m.var("a", Domain.bool(), 0);
      Var b = m.var("b", Domain.bool(), 0);
      m.thread("writer").step("a = 1", c -> {
        c.store(a, 1);
        if (variant.equals("broken")) {
          c.store(b, 1);
        }
      });
      m.invariant("P", "b stays 0", r -> r.load(b) == 0 ? null : "b is 1");
      return m.build();
    }
  }

  @Test
  void aBrokenModelIsARowAndTheOthersStillRun() {
    Suite suite = new Suite(List.of(new Toy()), SearchConfig.defaults(), Progress.NONE);
    List<String> printed = new ArrayList<>();
    suite.explore(new Suite.RowListener() {
      @Override
      public void explored(Check row) {
        printed.add(SuiteText.explorerRow(row).stripTrailing());
      }
    });
    Results results = suite.results();
    assertEquals(3, results.checks().size());
    Check ok = results.checks().get(0);
    Check broken = results.checks().get(1);
    Check wrong = results.checks().get(2);
    assertTrue(ok.asExpected());
    assertNull(broken.explorer());
    assertEquals("model toy/broken/race: step 'a = 1' of thread writer touches two shared "
        + "variables, a and b; a software step may touch one (a load, a store or one "
        + "read-modify-write), or be one lock operation (PROTOCOLS.md Conventions). Split it, or "
        + "declare it a hardware step if the hardware makes it atomic", broken.broken());
    assertTrue(!wrong.asExpected() && wrong.broken() == null);
    assertEquals(1, results.broken());
    assertEquals(1, results.unexpected());
    assertEquals(0, results.incomplete());
    assertTrue(printed.get(1).contains("BROKEN     model toy/broken/race: step 'a = 1'"),
        printed.get(1));
    assertTrue(printed.get(2).endsWith("UNEXPECTED"), printed.get(2));
  }
}
