package tlbcheck.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tlbcheck.result.Change;
import tlbcheck.result.Check;
import tlbcheck.result.CheckResult;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.MetricValue;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Results;
import tlbcheck.result.StressRun;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The HTML report of a run, rendered from its {@link Results} and nothing else: {@code
 * index.html}, one row per check with each engine's verdict, states, time and metrics, and a
 * page per counterexample under {@code traces/}: the column trace with the variables each step
 * changed highlighted, the state at the violation, the property's text, and the text trace to
 * copy into a file for {@code tlbcheck replay}. Static pages with their style inline: no
 * script, no network, they open from disk. Every text from the results is escaped.
 */
public final class HtmlReport {
  private static final Escaper ESCAPE = HtmlEscapers.htmlEscaper();
  private static final String STYLE = """
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

  private HtmlReport() {}

  /** Every file of the report, by its path relative to the report's directory. */
  public static Map<String, String> render(Results results) {
    Map<String, String> files = new TreeMap<>();
    files.put("index.html", index(results));
    for (Check c : results.checks()) {
      if (c.explorer() != null && trace(c.explorer().verdict()) != null) {
        files.put(tracePage(c), traceHtml(c, c.explorer().verdict()));
      }
      if (c.lincheck() != null && c.lincheck().trace() != null) {
        files.put(lincheckPage(c), lincheckHtml(c, c.lincheck()));
      }
    }
    return files;
  }

  /**
   * Writes the report's pages into {@code dir}. Pages of an earlier report there that this one
   * does not have are deleted, so every page under traces/ belongs to this run.
   */
  public static void write(Results results, Path dir) throws IOException {
    Map<String, String> files = render(results);
    Path traces = dir.resolve("traces");
    if (Files.isDirectory(traces)) {
      try (Stream<Path> old = Files.list(traces)) {
        for (Path p : old.toList()) {
          if (p.toString().endsWith(".html")
              && !files.containsKey("traces/" + p.getFileName())) {
            Files.delete(p);
          }
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** {@code traces/m1-avi-v3-race-N2-A2.html}. */
  public static String tracePage(Check c) {
    return "traces/" + name(c.model()) + ".html";
  }

  static String lincheckPage(Check c) {
    return "traces/" + name(c.model()) + ".lincheck.html";
  }

  private static String name(ModelRef m) {
    StringBuilder sb = new StringBuilder(m.protocol()).append('-').append(m.variant()).append('-')
        .append(m.scenario());
    m.params().forEach((k, v) -> sb.append('-').append(k).append(v));
    return sb.toString().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String params(ModelRef m) {
    return m.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private static Trace trace(Verdict v) {
    if (v instanceof Verdict.Violated x) {
      return x.trace();
    }
    return v instanceof Verdict.Deadlock d ? d.trace() : null;
  }

  private static String esc(String s) {
    return ESCAPE.escape(s);
  }

  private static StringBuilder page(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body>\n");
  }

  private static String index(Results results) {
    List<Check> checks = results.checks();
    StringBuilder out = page("tlbcheck report");
    out.append("<h1>tlbcheck report</h1>\n");
    long unexpected = results.unexpected();
    long incomplete = results.incomplete();
    long broken = results.broken();
    out.append(String.format(Locale.ROOT, "<p id=\"summary\">%d checks: %d as expected, %d "
        + "unexpected, %d incomplete%s</p>%n", checks.size(),
        checks.size() - unexpected - incomplete - broken, unexpected, incomplete,
        broken == 0 ? "" : ", " + broken + " broken models"));
    boolean lincheck = checks.stream().anyMatch(c -> c.lincheck() != null);
    boolean jcstress = checks.stream().anyMatch(c -> !c.jcstress().isEmpty());
    out.append("<table id=\"checks\">\n<thead>\n<tr><th rowspan=\"2\">model</th>"
        + "<th rowspan=\"2\">variant</th><th rowspan=\"2\">scenario</th>"
        + "<th rowspan=\"2\">params</th><th rowspan=\"2\">expected</th>"
        + "<th colspan=\"4\">explorer</th>")
        .append(lincheck ? "<th colspan=\"3\">Lincheck</th>" : "")
        .append(jcstress ? "<th rowspan=\"2\">jcstress</th>" : "")
        .append("<th rowspan=\"2\"></th></tr>\n<tr><th>verdict</th><th>states</th><th>time</th>"
            + "<th>metrics</th>")
        .append(lincheck ? "<th>verdict</th><th>invocations</th><th>time</th>" : "")
        .append("</tr>\n</thead>\n<tbody>\n");
    for (Check c : checks) {
      CheckResult r = c.explorer();
      String mark = c.broken() != null ? "broken" : c.incomplete() ? "incomplete"
          : c.asExpected() ? "ok" : "unexpected";
      out.append("<tr class=\"").append(mark).append("\">");
      cell(out, c.model().protocol());
      cell(out, c.model().variant());
      cell(out, c.model().scenario());
      cell(out, params(c.model()));
      out.append("<td title=\"").append(esc(c.expected().why())).append("\">")
          .append(esc(c.expected().label())).append("</td>");
      if (r == null) {
        out.append("<td>BROKEN</td><td></td><td></td><td></td>");
      } else {
        String verdict = esc(r.verdict().label());
        out.append("<td>").append(trace(r.verdict()) == null ? verdict
            : "<a href=\"" + tracePage(c) + "\">" + verdict + "</a>").append("</td>");
        num(out, String.format(Locale.ROOT, "%,d", r.stats().states()));
        num(out, String.format(Locale.ROOT, "%.2f s", r.stats().seconds()));
        cell(out, r.metrics().stream().map(MetricValue::brief)
            .collect(Collectors.joining(", ")));
      }
      if (lincheck) {
        lincheckCells(out, c);
      }
      if (jcstress) {
        cell(out, c.jcstress().stream().map(HtmlReport::stress)
            .collect(Collectors.joining("; ")));
      }
      cell(out, c.broken() != null ? "BROKEN: " + c.broken() : c.incomplete() ? "INCOMPLETE"
          : c.asExpected() ? "ok" : "UNEXPECTED");
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</body>\n</html>\n");
    return out.toString();
  }

  /** Lincheck's verdict (linking to its trace), invocations and time; blank where it did not run. */
  private static void lincheckCells(StringBuilder out, Check c) {
    LincheckRun l = c.lincheck();
    if (l == null) {
      out.append("<td></td><td></td><td></td>");
      return;
    }
    out.append("<td>").append(l.trace() == null ? esc(l.verdict())
        : "<a href=\"" + lincheckPage(c) + "\">" + esc(l.verdict()) + "</a>").append("</td>");
    num(out, String.format(Locale.ROOT, "%,d", l.invocations()));
    num(out, String.format(Locale.ROOT, "%.1f s", l.nanos() / 1e9));
  }

  /** {@code flag: stale-tlb 425 in 4,400,000 samples}, or why the test has no result. */
  private static String stress(StressRun s) {
    if (s.samples() == null) {
      return s.race() + ": " + s.verdict();
    }
    String seen = s.violations().entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%s: %s in %,d samples", s.race(),
        seen.isEmpty() ? "no violation" : seen, s.total());
  }

  private static void cell(StringBuilder out, String text) {
    out.append("<td>").append(esc(text)).append("</td>");
  }

  private static void num(StringBuilder out, String text) {
    out.append("<td class=\"num\">").append(esc(text)).append("</td>");
  }

  private static String title(Check c) {
    return c.model().protocol() + " " + c.model().variant() + ", scenario "
        + c.model().scenario() + ", " + params(c.model());
  }

  private static String traceHtml(Check c, Verdict v) {
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

  private static String lincheckHtml(Check c, LincheckRun l) {
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
