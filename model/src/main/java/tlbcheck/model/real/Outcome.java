package tlbcheck.model.real;

import tlbcheck.model.Model;
import tlbcheck.model.Property;

/**
 * The names a person reads for how an execution on real memory ended (jcstress's outcome ids):
 * {@code ok} when no property broke, {@code deadlock} for a deadlock, else the name the property
 * that broke first carries ({@link Property#outcome}: {@code stale-tlb}).
 */
public final class Outcome {
  private Outcome() {
  }

  /** No property broke. */
  public static final String OK = "ok";

  /** No thread could move. */
  public static final String DEADLOCK = "deadlock";

  /**
   * The outcome of an execution of {@code model} whose first broken property has the id
   * {@code property} (null: none; {@code DEADLOCK}: a deadlock).
   */
  public static String of(Model model, String property) {
    if (property == null) {
      return OK;
    }
    if (property.equals("DEADLOCK")) {
      return DEADLOCK;
    }
    return model.properties().stream().filter(p -> p.id().equals(property)).findFirst()
        .map(Property::outcome)
        .orElseThrow(() -> new IllegalArgumentException("model " + model.name()
            + " has no property " + property));
  }
}
