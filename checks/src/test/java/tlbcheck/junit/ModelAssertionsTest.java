package tlbcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.result.Schedule;

/**
 * The assertions a user's tests call pass where the checker agrees and fail, with the trace,
 * where it does not: an assertion that could not fail would prove nothing.
 */
class ModelAssertionsTest {
  private final Protocol m1 = Catalogue.protocol("m1");
  private final Model avi = m1.build("avi-v3", "race", Params.DEFAULT);
  private final Model eager = m1.build("eager", "race", Params.DEFAULT);

  @Test
  void aWrongVerdictFailsWithTheTrace() {
    ModelAssertions.assertSafe(eager);
    assertEquals("P1", ModelAssertions.assertViolates("P1", avi).property());
    AssertionError e = assertThrows(AssertionError.class, () -> ModelAssertions.assertSafe(avi));
    assertTrue(e.getMessage().contains("to be safe under sc, but it is violates P1"), e.getMessage());
    assertTrue(e.getMessage().contains("VIOLATED P1"), e.getMessage());
  }

  /** M2's parallel metric: one vCPU in a root load under write-lock, N under read-lock. */
  @Test
  void aMetricIsAssertedExactly() {
    Protocol m2 = Catalogue.protocol("m2");
    ModelAssertions.assertMetric("parallel", 1,
        m2.build("write-lock", "vcpus", Params.DEFAULT.withN(3)));
    ModelAssertions.assertMetric("parallel", 3,
        m2.build("read-lock", "vcpus", Params.DEFAULT.withN(3)));
    AssertionError e = assertThrows(AssertionError.class, () -> ModelAssertions.assertMetric(
        "parallel", 2, m2.build("write-lock", "vcpus", Params.DEFAULT)));
    assertTrue(e.getMessage().contains("to be 2, but it is 1"), e.getMessage());
  }

  @Test
  void aReplayThatReachesSomethingElseFails() {
    String trace = ModelAssertions.assertViolates("P1", avi).trace().schedule().stream()
        .reduce("# model m1  variant avi-v3  scenario race  N=2 A=2", (a, b) -> a + "\n" + b);
    Schedule s = Schedule.parse(trace);
    ModelAssertions.assertReplays("violates P1", m1, s);
    assertThrows(AssertionError.class, () -> ModelAssertions.assertReplays("no violation", m1, s));
  }
}
