package tlbcheck.model;

import java.util.Locale;

/**
 * A property of a model (PROTOCOLS.md "Conventions"): a state invariant, a step assertion or a
 * final property. Ids are the catalogue's ({@code P1}, {@code P2a}); the text is the property
 * as the catalogue states it.
 */
public sealed interface Property permits StateProperty, StepAssertion {
  String id();

  String text();

  /**
   * The name a person reads for an execution on real memory that broke this property first
   * (jcstress's outcome id): {@code stale-tlb}. By default the id in lower case.
   */
  String outcome();

  /** The default outcome name of property {@code id}: {@code P2a} becomes {@code p2a}. */
  static String outcomeOf(String id) {
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
