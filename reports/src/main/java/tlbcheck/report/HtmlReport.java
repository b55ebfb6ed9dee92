package tlbcheck.report;

import static tlbcheck.report.Html.cell;
import static tlbcheck.report.Html.esc;
import static tlbcheck.report.Html.num;
import static tlbcheck.report.Html.page;
import static tlbcheck.report.Html.params;
import static tlbcheck.report.Html.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tlbcheck.result.Check;
import tlbcheck.result.CheckResult;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.MetricValue;
import tlbcheck.result.Results;
import tlbcheck.result.StressRun;

/**
 * The HTML report of a run, rendered from its {@link Results} and nothing else: {@code
 * index.html}, one row per check with each engine's verdict, states, time and metrics, and a
 * page per counterexample under {@code traces/}: the column trace with the variables each step
 * changed highlighted, the state at the violation, the property's text, and the text trace to
 * copy into a file for {@code tlbcheck replay}. Static pages with their style inline: no
 * script, no network, they open from disk. Every text from the results is escaped.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** Every file of the report, by its path relative to the report's directory. */
  public static Map<String, String> render(Results results) {
    Map<String, String> files = new TreeMap<>();
    files.put("index.html", index(results));
    files.put("metrics.html", MetricCharts.page(results));
    for (Check c : results.checks()) {
      if (c.explorer() != null && trace(c.explorer().verdict()) != null) {
        files.put(Html.tracePage(c), TracePages.traceHtml(c, c.explorer().verdict()));
      }
      if (c.lincheck() != null && c.lincheck().trace() != null) {
        files.put(Html.lincheckPage(c), TracePages.lincheckHtml(c, c.lincheck()));
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

  private static String index(Results results) {
    List<Check> checks = results.checks();
    StringBuilder out = page("tlbcheck report");
    out.append("<h1>tlbcheck report</h1>\n<p><a href=\"metrics.html\">Metrics across N</a>, "
        + "a chart per metric of each model.</p>\n");
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
            : "<a href=\"" + Html.tracePage(c) + "\">" + verdict + "</a>").append("</td>");
        num(out, String.format(Locale.ROOT, "%,d", r.stats().states()));
        num(out, String.format(Locale.ROOT, "%.2f s", r.stats().seconds()));
        cell(out, r.metrics().stream().map(MetricValue::brief)
            .collect(Collectors.joining(", ")));
      }
      if (lincheck) {
        lincheckCells(out, c);
      }
      if (jcstress) {
        cell(out, SuiteText.hostCannotStress(c) ? "not stressed: this x86 host cannot show "
            + "arm64's reorderings" : c.jcstress().stream().map(HtmlReport::stress)
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
        : "<a href=\"" + Html.lincheckPage(c) + "\">" + esc(l.verdict()) + "</a>").append("</td>");
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
}
