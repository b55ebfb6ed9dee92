package tlbcheck.model;

/**
 * A property of a model (PROTOCOLS.md "Conventions"): a state invariant, a step assertion or a
 * final property. Ids are the catalogue's ({@code P1}, {@code P2a}); the text is the property
 * as the catalogue states it.
 */
public sealed interface Property permits StateProperty, StepAssertion {
  String id();

  String text();
}
