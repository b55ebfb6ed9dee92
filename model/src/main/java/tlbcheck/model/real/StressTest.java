package tlbcheck.model.real;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Variant;

/**
 * One jcstress test: a race of a protocol in a variant, and the verdict the protocol expects in
 * the race's scenario. Which tests there are is decided here, from the model alone, so that the
 * stress module that generates them and the checker that judges them list the same ones: every
 * variant expected safe in the race's scenario, and every variant expected to break a property
 * the race declares it {@link Race#shows}.
 */
public record StressTest(Protocol protocol, Race race, Variant variant, Expectation expected) {
  /** Every test of {@code protocols}, in their order, then race order, then variant order. */
  public static List<StressTest> of(List<Protocol> protocols) {
    List<StressTest> tests = new ArrayList<>();
    for (Protocol p : protocols) {
      for (Race r : p.races(Params.DEFAULT)) {
        for (Variant v : p.variants()) {
          Expectation e = p.expected(v.id(), r.scenario());
          if (e.safe() || r.shows().contains(e.property())) {
            tests.add(new StressTest(p, r, v, e));
          }
        }
      }
    }
    return tests;
  }

  /** The fully qualified class name: {@code tlbcheck.stress.m1.Flag_AviV3}. */
  public String className() {
    return protocol.stressClass(race, variant, expected);
  }

  /** The model of the race, as the explorer and the test run it. */
  public Model model() {
    return race.model(protocol, variant.id(), Params.DEFAULT);
  }
}
