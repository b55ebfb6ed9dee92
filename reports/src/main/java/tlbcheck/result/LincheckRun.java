package tlbcheck.result;

/**
 * What Lincheck found in one model: its verdict in the explorer's words ({@code safe},
 * {@code violates P1}, {@code unconfirmed P1}), the invocations it ran and over how many choice
 * plans, its time, whether it agrees with the catalogue, and for a violation its own trace
 * followed by the explorer's replay of that execution (null otherwise).
 */
public record LincheckRun(String verdict, long invocations, int plans, long nanos, boolean ok,
    String trace) {
}
