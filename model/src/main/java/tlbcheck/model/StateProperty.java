package tlbcheck.model;

/** A property judged on one state by a {@link Check}: an invariant or a final property. */
public sealed interface StateProperty extends Property permits Invariant, FinalProperty {
  Check check();
}
