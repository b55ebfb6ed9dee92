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

  /** The values of N the catalogue checks this protocol at by default. */
  default List<Integer> verifiedN() {
    return List.of(2, 3);
  }

  Expectation expected(String variant, String scenario);

  /** Builds the model; variant and scenario must be among this protocol's. */
  Model build(String variant, String scenario, Params params);

  default String defaultScenario() {
    return scenarios().get(0);
  }
}
