package tlbcheck.model;

/** A property checked in every reachable state. */
public record Invariant(String id, String text, Check check, String outcome)
    implements StateProperty {}
