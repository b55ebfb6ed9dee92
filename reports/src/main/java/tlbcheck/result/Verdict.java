package tlbcheck.result;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tlbcheck.model.Expectation;

/**
 * What a check found (STYLE.md 5). A broken model is not a verdict: it is a
 * {@link tlbcheck.model.ModelError}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Verdict.Safe.class, name = "safe"),
    @JsonSubTypes.Type(value = Verdict.Violated.class, name = "violated"),
    @JsonSubTypes.Type(value = Verdict.Deadlock.class, name = "deadlock"),
    @JsonSubTypes.Type(value = Verdict.Incomplete.class, name = "incomplete")})
public sealed interface Verdict {
  /** Every reachable state was explored and no property fails. */
  record Safe() implements Verdict {}

  /**
   * A property fails at the end of {@code trace}, a shortest path to a violation.
   *
   * @param property the property id ({@code P1})
   * @param text the property as the catalogue states it
   * @param explanation what breaks it in the last state of the trace
   */
  record Violated(String property, String text, String explanation, Trace trace)
      implements Verdict {}

  /** A state where some thread has not finished and no step is enabled. */
  record Deadlock(String explanation, Trace trace) implements Verdict {}

  /** A limit stopped the run before it could decide. */
  record Incomplete(Limit limit) implements Verdict {}

  /**
   * Whether this verdict is the one {@code expected}: safe for a safe expectation, else a
   * violation of the expected property (a deadlock of {@code DEADLOCK}). An incomplete run meets
   * no expectation.
   */
  default boolean meets(Expectation expected) {
    if (this instanceof Safe) {
      return expected.safe();
    }
    String property = this instanceof Violated v ? v.property()
        : this instanceof Deadlock ? "DEADLOCK" : null;
    return property != null && !expected.safe() && property.equals(expected.property());
  }

  /** {@code safe}, {@code violates P1}, {@code deadlock}, {@code INCOMPLETE}: tables print this. */
  default String label() {
    if (this instanceof Violated v) {
      return "violates " + v.property();
    }
    if (this instanceof Deadlock) {
      return "violates DEADLOCK";
    }
    if (this instanceof Incomplete) {
      return "INCOMPLETE";
    }
    return "safe";
  }
}
