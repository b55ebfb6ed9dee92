package tlbcheck.suite;

import tlbcheck.engine.LincheckEngine;
import tlbcheck.report.ResultText;

/** The text of a Lincheck violation as the suite keeps it: Lincheck's report, then ours. */
final class LincheckTraces {
  private LincheckTraces() {
  }

  /** Lincheck's own report, then the same execution replayed on the model, in our columns. */
  static String both(LincheckEngine.Result l) {
    return l.trace() + "\n\nThe execution's schedule replayed on the model by the explorer:\n\n"
        + ResultText.replayed(l.replayed());
  }
}
