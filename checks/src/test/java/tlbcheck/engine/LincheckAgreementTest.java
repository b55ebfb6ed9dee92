package tlbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;

/**
 * Lincheck and the explorer agree (DESIGN.md "One model, three engines"): for every variant of
 * every model, in every scenario, at the default parameters, Lincheck's model checker, running
 * the model's own thread programs on real memory, reaches the expected verdict: it catches each
 * buggy variant within the budget, with an execution whose schedule the explorer replays on the
 * model to a violation of the same property, and finds nothing in each safe one. The budget, per choice
 * plan, is {@code tlbcheck.lincheck.invocations} to catch a violation and {@code
 * tlbcheck.lincheck.safe-invocations} to pass a safe variant, over {@code
 * tlbcheck.lincheck.plans} plans (system properties set by the build: the normal lane's fit CI's
 * time, the {@code lincheck-long} profile raises them).
 */
@Tag("slow")
class LincheckAgreementTest {
  private static final int INVOCATIONS = Integer.getInteger("tlbcheck.lincheck.invocations",
      20000);
  private static final int SAFE_INVOCATIONS =
      Integer.getInteger("tlbcheck.lincheck.safe-invocations", 400);
  private static final int PLANS = Integer.getInteger("tlbcheck.lincheck.plans", 1);

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          cases.add(Arguments.of(p.id(), v.id(), s));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void lincheckReachesTheExplorersVerdict(String model, String variant, String scenario) {
    Protocol p = Catalogue.protocol(model);
    Model m = p.build(variant, scenario, Params.DEFAULT);
    CheckResult explorer = Explorer.check(m);
    Expectation expected = p.expected(variant, scenario);
    assertEquals(expected.label(), explorer.verdict().label(), "the explorer's verdict");
    int budget = expected.safe() ? SAFE_INVOCATIONS : INVOCATIONS;
    LincheckEngine.Result lincheck = new LincheckEngine(m).check(explorer, budget, PLANS);
    assertTrue(lincheck.agreesWith(expected), () -> "expected " + expected.label()
        + ", Lincheck's verdict is " + lincheck.label() + " after " + lincheck.invocations()
        + " invocations of " + lincheck.plansTried() + " plans"
        + (lincheck.trace() == null ? ""
            : ":\n" + lincheck.trace() + "\nreplayed:\n" + ResultText.replayed(lincheck.replayed())));
  }
}
