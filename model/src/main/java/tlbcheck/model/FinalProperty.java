package tlbcheck.model;

/** A property checked in every reachable state in which every thread has finished. */
public record FinalProperty(String id, String text, Check check, String outcome)
    implements StateProperty {}
