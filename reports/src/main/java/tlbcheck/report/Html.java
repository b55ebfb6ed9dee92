package tlbcheck.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.util.stream.Collectors;
import tlbcheck.result.Check;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Trace;
import tlbcheck.result.Verdict;

/**
 * What the report's pages share: their style, the page head, escaping (every text from the
 * results goes through {@link #esc}), table cells, and how a check and its pages are named.
 */
final class Html {
  static final Escaper ESCAPE = HtmlEscapers.htmlEscaper();
  static final String STYLE = """
      body { font-family: sans-serif; margin: 1.5em; color: #1b1b1b; }
      table { border-collapse: collapse; }
      th, td { border: 1px solid #c8c8c8; padding: 2px 6px; text-align: left; vertical-align: top; }
      th { background: #eef0f3; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.unexpected td, tr.broken td { background: #fde2e1; }
      tr.incomplete td { background: #fff4ce; }
      .trace td, .trace th, pre, .state td { font-family: monospace; }
      .trace td.step { background: #e8f0fe; }
      .changed { background: #ffe08a; font-weight: bold; }
      .same { background: #f3f3f3; }
      .read { color: #6b6b6b; }
      .property { border-left: 4px solid #c62828; padding: 0.3em 0.8em; background: #fbeaea; }
      pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
      """;

  private Html() {}

  static String esc(String s) {
    return ESCAPE.escape(s);
  }

  static StringBuilder page(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body>\n");
  }

  static void cell(StringBuilder out, String text) {
    out.append("<td>").append(esc(text)).append("</td>");
  }

  static void num(StringBuilder out, String text) {
    out.append("<td class=\"num\">").append(esc(text)).append("</td>");
  }

  static String title(Check c) {
    return c.model().protocol() + " " + c.model().variant() + ", scenario "
        + c.model().scenario() + ", " + params(c.model());
  }

  /** {@code traces/m1-avi-v3-race-N2-A2.html}. */
  static String tracePage(Check c) {
    return "traces/" + name(c.model()) + ".html";
  }

  static String lincheckPage(Check c) {
    return "traces/" + name(c.model()) + ".lincheck.html";
  }

  static String name(ModelRef m) {
    StringBuilder sb = new StringBuilder(m.protocol()).append('-').append(m.variant()).append('-')
        .append(m.scenario());
    m.params().forEach((k, v) -> sb.append('-').append(k).append(v));
    if (!m.memory().equals(ModelRef.SC)) {
      sb.append('-').append(m.memory());
    }
    return sb.toString().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static String params(ModelRef m) {
    return m.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static Trace trace(Verdict v) {
    if (v instanceof Verdict.Violated x) {
      return x.trace();
    }
    return v instanceof Verdict.Deadlock d ? d.trace() : null;
  }

}
