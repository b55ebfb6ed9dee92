package tlbcheck.model;

/** A variant of a protocol: its catalogue id ({@code avi-v3}) and one line on what it does. */
public record Variant(String id, String summary) {}
