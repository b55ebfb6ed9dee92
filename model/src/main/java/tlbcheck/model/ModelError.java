package tlbcheck.model;

/**
 * A model that breaks the modelling rules: a duplicate name, a value outside a domain, a
 * software step that touches two shared variables, a model without a property.
 *
 * <p>A model error is not a verdict: it says the model is broken, not the protocol. Messages
 * name the model, thread and step at fault, the rule, and where the rule is written down.
 */
public final class ModelError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean located;

  /** An error whose message already names the model (and thread and step, where there are). */
  public ModelError(String message) {
    this(message, true);
  }

  private ModelError(String message, boolean located) {
    super(message);
    this.located = located;
  }

  /**
   * An error a primitive (a lock, a refcount, RCU) raises inside a step: it states the fault
   * only, and the engine running the step adds which model, thread and step it happened in.
   */
  public static ModelError inStep(String fault) {
    return new ModelError(fault, false);
  }

  /** Whether the message names where the error happened. */
  public boolean located() {
    return located;
  }
}
