package tlbcheck.report;

import static tlbcheck.report.Html.esc;
import static tlbcheck.report.Html.page;
import static tlbcheck.report.Html.title;
import static tlbcheck.report.Html.trace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tlbcheck.result.Change;
import tlbcheck.result.Check;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The report's page for each counterexample: the column trace with the variables each step
 * changed highlighted, the state at the violation, the property's text, and the text trace to
 * copy into a file for {@code tlbcheck replay}; and the page of Lincheck's own trace.
 */
final class TracePages {
  private TracePages() {}

  static String traceHtml(Check c, Verdict v) {
    Trace t = trace(v);
    String title = title(c);
    StringBuilder out = page(title + ": " + v.label());
    out.append("<p><a href=\"../index.html\">all checks</a></p>\n");
    out.append("<h1>").append(esc(title)).append("</h1>\n");
    out.append("<div class=\"property\" id=\"property\">\n");
    if (v instanceof Verdict.Violated x) {
      out.append("<p><b>VIOLATED ").append(esc(x.property())).append("</b>: ")
          .append(esc(x.explanation())).append("</p>\n<p>").append(esc(x.property()))
          .append(": ").append(esc(x.text())).append("</p>\n");
    } else {
      out.append("<p><b>DEADLOCK</b>: ").append(esc(((Verdict.Deadlock) v).explanation()))
          .append("</p>\n");
    }
    out.append("</div>\n<p>Expected: ").append(esc(c.expected().label())).append(" (")
        .append(esc(c.expected().why())).append(")</p>\n");
    out.append("<h2>Trace</h2>\n<p>One column per thread, time going down; the right column "
        + "shows what each step read and wrote, with the values it <span class=\"changed\">"
        + "changed</span> highlighted.</p>\n");
    out.append("<table class=\"trace\" id=\"trace\">\n<thead><tr><th>#</th>");
    t.threads().forEach(name -> out.append("<th>").append(esc(name)).append("</th>"));
    out.append("<th>changes</th></tr></thead>\n<tbody>\n");
    Map<String, String> initial = new HashMap<>();
    for (int i = 0; i < t.steps().size(); i++) {
      TraceStep s = t.steps().get(i);
      out.append("<tr><td class=\"num\">").append(i + 1).append("</td>");
      for (int col = 0; col < t.threads().size(); col++) {
        out.append(col == s.thread() ? "<td class=\"step\">" + esc(s.label()) + "</td>"
            : "<td></td>");
      }
      out.append("<td>");
      for (int k = 0; k < s.changes().size(); k++) {
        Change ch = s.changes().get(k);
        String cls = !ch.write() ? "read" : ch.before().equals(ch.after()) ? "same" : "changed";
        initial.putIfAbsent(ch.variable(), ch.before());
        out.append(k == 0 ? "" : ", ").append("<span class=\"").append(cls).append("\">")
            .append(esc(ch.toString())).append("</span>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    out.append("<h2>State at the violation</h2>\n<p>The shared variables in the last state; "
        + "those no longer at their initial value are <span class=\"changed\">highlighted</span>"
        + ".</p>\n<table class=\"state\" id=\"state\">\n<thead><tr><th>variable</th>"
        + "<th>value</th><th>initially</th></tr></thead>\n<tbody>\n");
    for (Change ch : t.finalState()) {
      String start = initial.getOrDefault(ch.variable(), ch.after());
      String cls = start.equals(ch.after()) ? "" : " class=\"changed\"";
      out.append("<tr").append(cls).append("><td>").append(esc(ch.variable()))
          .append("</td><td>").append(esc(ch.after())).append("</td><td>").append(esc(start))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    out.append("<h2>Replay it</h2>\n<p>Save this text in a file and run <code>./tlbcheck replay "
        + "FILE</code> (add <code>--variant V</code> to try it on another variant); README "
        + "shows how to make it a JUnit test.</p>\n<pre id=\"text-trace\">")
        .append(esc(ResultText.counterexample(v))).append("</pre>\n</body>\n</html>\n");
    return out.toString();
  }

  static String lincheckHtml(Check c, LincheckRun l) {
    String title = title(c);
    StringBuilder out = page(title + ": Lincheck");
    out.append("<p><a href=\"../index.html\">all checks</a></p>\n<h1>")
        .append(esc(title)).append(": Lincheck ").append(esc(l.verdict())).append("</h1>\n")
        .append(String.format(Locale.ROOT, "<p>%,d invocations over %d choice plans in %.1f s."
            + "</p>%n", l.invocations(), l.plans(), l.nanos() / 1e9))
        .append("<pre id=\"lincheck-trace\">").append(esc(l.trace()))
        .append("</pre>\n</body>\n</html>\n");
    return out.toString();
  }
}
