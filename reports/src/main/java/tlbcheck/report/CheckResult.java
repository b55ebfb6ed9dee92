package tlbcheck.report;

/** The result of checking one model: what was checked, the verdict, the statistics. */
public record CheckResult(ModelRef model, Verdict verdict, Stats stats) {}
