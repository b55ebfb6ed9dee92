package tlbcheck.litmus;

import java.util.List;

/**
 * A litmus test's result as herd7 prints it on its {@code Observation} line: the test's name,
 * whether the final clause's condition holds in no final state ({@code Never}), some
 * ({@code Sometimes}) or all ({@code Always}), and how many of the final states (projected on
 * the condition's locations) satisfy it and how many do not.
 */
public record Observation(String name, int positive, int negative, List<String> states) {
  public Observation {
    states = List.copyOf(states);
  }

  /** Never, Sometimes or Always, herd7's words. */
  public String verdict() {
    return positive == 0 ? "Never" : negative == 0 ? "Always" : "Sometimes";
  }

  /** herd7's line: {@code Observation MP Never 0 3}. */
  public String line() {
    return "Observation " + name + " " + verdict() + " " + positive + " " + negative;
  }
}
