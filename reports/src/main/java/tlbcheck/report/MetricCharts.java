package tlbcheck.report;

import static tlbcheck.report.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tlbcheck.result.Check;
import tlbcheck.result.MetricValue;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Results;

/**
 * The report's {@code metrics.html}: for each model and scenario, one chart per metric with a
 * line per variant across N, so that a reader sees at a glance what an optimisation saves as the
 * number of vCPUs grows (what read-lock buys M2 over write-lock). Static SVG drawn here, no
 * script, no network; every text escaped. Rows that differ in a parameter other than N (M3's P)
 * get charts of their own.
 */
final class MetricCharts {
  private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
      "#9467bd", "#8c564b", "#e377c2", "#17becf"};
  private static final int WIDTH = 510;
  private static final int HEIGHT = 220;
  private static final int LEFT = 50;
  private static final int RIGHT = 240;
  private static final int TOP = 15;
  private static final int BOTTOM = 35;

  private MetricCharts() {}

  /** One metric of one model and scenario: each variant's value at each N. */
  private record Chart(String metric, String text, Map<String, Map<Integer, Long>> series) {}

  static String page(Results results) {
    Map<String, Map<String, Chart>> groups = group(results);
    StringBuilder out = Html.page("tlbcheck metrics across N");
    out.append("<p><a href=\"index.html\">all checks</a></p>\n<h1>Metrics across N</h1>\n")
        .append("<p>Each chart is one metric of one model and scenario: a line per variant, "
            + "its value at each number of vCPUs N the suite checks (the maximum over every "
            + "execution, as the checker computes it).</p>\n");
    if (groups.isEmpty()) {
      out.append("<p>No model in these results has metrics at more than one N.</p>\n");
    }
    groups.forEach((group, charts) -> {
      out.append("<h2>").append(esc(group)).append("</h2>\n");
      charts.values().forEach(c -> out.append("<h3>").append(esc(c.metric())).append(": ")
          .append(esc(c.text())).append("</h3>\n").append(svg(c)));
    });
    return out.append("</body>\n</html>\n").toString();
  }

  /**
   * The charts by model, scenario and parameters other than N, in the order the results hold
   * them; only charts with at least two values of N.
   */
  private static Map<String, Map<String, Chart>> group(Results results) {
    Map<String, Map<String, Chart>> groups = new LinkedHashMap<>();
    for (Check c : results.checks()) {
      if (c.explorer() == null || !c.model().params().containsKey("N")) {
        continue;
      }
      ModelRef m = c.model();
      StringBuilder key = new StringBuilder(m.protocol()).append(", scenario ")
          .append(m.scenario());
      m.params().forEach((k, v) -> key.append(k.equals("N") ? "" : ", " + k + "=" + v));
      if (!m.memory().equals(ModelRef.SC)) {
        key.append(", memory ").append(m.memory());
      }
      Map<String, Chart> charts = groups.computeIfAbsent(key.toString(),
          k -> new LinkedHashMap<>());
      for (MetricValue v : c.explorer().metrics()) {
        charts.computeIfAbsent(v.id(), id -> new Chart(id, v.text(), new LinkedHashMap<>()))
            .series().computeIfAbsent(m.variant(), k -> new TreeMap<>())
            .put(m.params().get("N"), v.value());
      }
    }
    groups.values().forEach(charts -> charts.values().removeIf(c -> c.series().values().stream()
        .allMatch(points -> points.size() < 2)));
    groups.values().removeIf(Map::isEmpty);
    return groups;
  }

  /**
   * The chart as inline SVG: axes, a polyline and dots per variant, and a legend that gives
   * each variant's values too, since equal lines hide one another.
   */
  private static String svg(Chart c) {
    TreeSet<Integer> ns = new TreeSet<>();
    long max = 1;
    for (Map<Integer, Long> points : c.series().values()) {
      ns.addAll(points.keySet());
      for (long v : points.values()) {
        max = Math.max(max, v);
      }
    }
    List<Integer> xs = new ArrayList<>(ns);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" role=\"img\" class=\"chart\">%n", WIDTH, HEIGHT));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
        LEFT, TOP, LEFT, TOP + plotH, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    for (long tick : max >= 4 ? new long[] {0, max / 2, max} : new long[] {0, max}) {
      double y = yOf(tick, max, plotH);
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\">%d</text>%n", LEFT - 6, y + 4, tick));
    }
    for (int i = 0; i < xs.size(); i++) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\">N=%d</text>%n", xOf(i, xs.size(), plotW), TOP + plotH + 16,
          xs.get(i)));
    }
    int k = 0;
    for (Map.Entry<String, Map<Integer, Long>> e : c.series().entrySet()) {
      String color = PALETTE[k % PALETTE.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (Map.Entry<Integer, Long> p : e.getValue().entrySet()) {
        double x = xOf(xs.indexOf(p.getKey()), xs.size(), plotW);
        double y = yOf(p.getValue(), max, plotH);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "fill=\"%s\"><title>%s N=%d: %d</title></circle>%n", x, y, color,
            esc(e.getKey()), p.getKey(), p.getValue()));
      }
      s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" "
          + "stroke-width=\"2\" points=\"%s\"/>%n", color, points.toString().strip()))
          .append(dots);
      int ly = TOP + 10 + 16 * k;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s"
          + "</text>%n", LEFT + plotW + 15, ly, LEFT + plotW + 35, ly, color, LEFT + plotW + 40,
          ly + 4, esc(e.getKey() + ": " + e.getValue().values().stream().map(String::valueOf)
              .collect(Collectors.joining(", ")))));
      k++;
    }
    return s.append("</svg>\n").toString();
  }

  private static double xOf(int i, int count, int plotW) {
    return LEFT + (count == 1 ? plotW / 2.0 : 10 + i * (plotW - 20.0) / (count - 1));
  }

  private static double yOf(long value, long max, int plotH) {
    return TOP + plotH - (double) value * plotH / max;
  }
}
