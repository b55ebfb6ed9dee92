package tlbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.result.Check;
import tlbcheck.result.Results;

/**
 * The HTML report as files: one page per counterexample linked from the index, text from the
 * results escaped, and the same results giving the same bytes. What a person sees in a browser
 * is {@link BrowserReportTest}'s.
 */
class HtmlReportTest {
  private final Results results = ResultsJsonTest.sample();

  @Test
  void everyCounterexampleHasAPageTheIndexLinksTo() {
    Map<String, String> files = HtmlReport.render(results);
    assertEquals(Set.of("index.html", "metrics.html", "traces/m1-avi-v3-race-N2-A2.html",
        "traces/m1-avi-v3-race-N2-A2.lincheck.html"), files.keySet());
    String index = files.get("index.html");
    assertTrue(index.contains("<a href=\"traces/m1-avi-v3-race-N2-A2.html\">violates P1</a>"),
        index);
    assertTrue(index.contains("<a href=\"traces/m1-avi-v3-race-N2-A2.lincheck.html\">"), index);
    assertTrue(index.contains("flag: stale-tlb 425 in 4,400,425 samples"), index);
    assertTrue(index.contains("2 checks: 2 as expected, 0 unexpected, 0 incomplete"), index);
  }

  @Test
  void theTracePageShowsThePropertyTheStateAndTheTextTrace() {
    String page = HtmlReport.render(results).get("traces/m1-avi-v3-race-N2-A2.html");
    assertTrue(page.contains("<b>VIOLATED P1</b>: vcpu1&#39;s TLB maps frame f after the host "
        + "freed it"), page);
    assertTrue(page.contains("P1: no TLB holds a FREED frame"), page);
    assertTrue(page.contains("<span class=\"changed\">frame: IN_USE -&gt; FREED</span>"), page);
    assertTrue(page.contains("<tr class=\"changed\"><td>frame</td><td>FREED</td><td>IN_USE</td>"),
        page);
    assertTrue(page.contains("<pre id=\"text-trace\"># model m1  variant avi-v3  scenario race"),
        page);
  }

  @Test
  void textFromTheResultsIsEscaped() {
    String page = HtmlReport.render(results).get("traces/m1-avi-v3-race-N2-A2.lincheck.html");
    assertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"),
        page);
    assertFalse(page.contains("<script>"), page);
  }

  /** What {@code tlbcheck report} renders from the saved file is what verify rendered. */
  @Test
  void theSavedResultsRenderTheSameBytes() throws Exception {
    assertEquals(HtmlReport.render(results),
        HtmlReport.render(ResultsJson.read(ResultsJson.write(results))));
  }

  @Test
  void pagesOfAnEarlierReportAreRemoved(@TempDir Path dir) throws Exception {
    Path stale = dir.resolve("traces/m9-gone-race-N2.html");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "old");
    HtmlReport.write(results, dir);
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(dir.resolve("traces/m1-avi-v3-race-N2-A2.html")));
  }

  /**
   * metrics.html draws one chart per metric of each model and scenario across N: M2's write-lock
   * and read-lock at N = 2 and 3 give two lines, whose legend holds their values (write-lock is
   * one vCPU inside a root load at a time, read-lock as many as there are vCPUs); static SVG,
   * no script.
   */
  @Test
  void theMetricsPageChartsEachMetricAcrossN() {
    Protocol m2 = Catalogue.protocol("m2");
    List<Check> rows = new ArrayList<>();
    for (String variant : List.of("write-lock", "read-lock")) {
      for (int n : new int[] {2, 3}) {
        rows.add(Check.of(m2.expected(variant, "vcpus"),
            Explorer.check(m2.build(variant, "vcpus", Params.DEFAULT.withN(n)))));
      }
    }
    String page = HtmlReport.render(new Results(rows)).get("metrics.html");
    assertTrue(page.contains("<h2>m2, scenario vcpus</h2>"), page);
    assertTrue(page.contains("<h3>parallel: vCPUs inside a root load at once</h3>"), page);
    assertTrue(page.contains(">write-lock: 1, 1</text>"), page);
    assertTrue(page.contains(">read-lock: 2, 3</text>"), page);
    assertEquals(4, page.split("<polyline ", -1).length - 1, "two metrics, two variants each");
    assertFalse(page.contains("<script"));
    assertTrue(HtmlReport.render(new Results(rows)).get("index.html")
        .contains("<a href=\"metrics.html\">"));
  }
}
