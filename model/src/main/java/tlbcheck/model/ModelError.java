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

  public ModelError(String message) {
    super(message);
  }
}
