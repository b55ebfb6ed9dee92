package tlbcheck.model;

/**
 * A property checked when a named step runs: the step's action calls
 * {@link Ctx#fail(StepAssertion, String)} when the property does not hold for what it does.
 */
public record StepAssertion(String id, String text, String outcome) implements Property {}
