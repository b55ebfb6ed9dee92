package tlbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    assertEquals(Set.of("index.html", "traces/m1-avi-v3-race-N2-A2.html",
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
}
