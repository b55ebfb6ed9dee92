package tlbcheck.model.real;

import java.util.Map;
import java.util.TreeMap;

/**
 * The names a person reads for how an execution on real memory ended (jcstress's outcome ids):
 * {@code ok} when no property broke, else a name for the property that broke first. One name per
 * property id of the catalogue; a property id without one is an error, so that a new property
 * gets a name before an engine reports it.
 */
public final class Outcome {
  private Outcome() {
  }

  /** No property broke. */
  public static final String OK = "ok";

  private static final Map<String, String> BY_PROPERTY = new TreeMap<>(Map.ofEntries(
      Map.entry("P1", "stale-tlb"),
      Map.entry("P2a", "two-valid-roots"),
      Map.entry("P2b", "freed-root-held"),
      Map.entry("P2c", "root-refcount-off"),
      Map.entry("P3", "freed-psc"),
      Map.entry("P3-read", "freed-walk"),
      Map.entry("P4a", "tlb-conflict"),
      Map.entry("P4b", "freed-walk"),
      Map.entry("P4c", "table-leak"),
      Map.entry("P4d", "dirty-read"),
      Map.entry("DEADLOCK", "deadlock")));

  /** The outcome of an execution whose first broken property is {@code property} (null: none). */
  public static String of(String property) {
    if (property == null) {
      return OK;
    }
    String name = BY_PROPERTY.get(property);
    if (name == null) {
      throw new IllegalArgumentException("property " + property + " has no outcome name; add "
          + "one to " + Outcome.class.getName());
    }
    return name;
  }
}
