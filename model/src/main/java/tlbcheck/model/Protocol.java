package tlbcheck.model;

import java.util.List;

/**
 * A protocol of the catalogue (PROTOCOLS.md M1 .. M4): its variants and scenarios, the verdict
 * each is expected to have, and how to build the concrete {@link Model} for given parameters.
 * Implementations are stateless.
 */
public interface Protocol {
  /** The catalogue id: {@code m1}. */
  String id();

  String title();

  List<Variant> variants();

  /** Scenario ids; the first is the default. */
  List<String> scenarios();

  /**
   * The parameters {@code tlbcheck verify} checks every variant of {@code scenario} at: by
   * default N = 2, 3 and 4 with the other parameters at their defaults.
   */
  default List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4));
  }

  Expectation expected(String variant, String scenario);

  /** Builds the model; variant and scenario must be among this protocol's. */
  Model build(String variant, String scenario, Params params);

  default String defaultScenario() {
    return scenarios().get(0);
  }
}
