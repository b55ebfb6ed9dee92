package tlbcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tlbcheck.CliRun;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.cli.Main;
import tlbcheck.result.Schedule;
import tlbcheck.suite.Models;

/**
 * The report as a person sees it, in a real headless Chromium (Debian's chromium and
 * chromium-driver; README's test command installs them): {@code tlbcheck verify m1} writes the
 * report, the browser opens index.html from disk, follows the avi-v3 row's link to its trace, and
 * reads the page: the property, the columns, the highlighted changes, the state at the
 * violation, and the text trace, which must replay to the same violation when copied into a
 * file. Screenshots of both pages go to target/screenshots/ for review.
 */
@Tag("slow")
class BrowserReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path REPORT = Path.of("target", "browser-report");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static ChromeDriver browser;

  @BeforeAll
  static void verifyAndOpenTheBrowser() throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser test needs Debian's chromium and chromium-driver: apt-get install -y "
            + "chromium chromium-driver (README's test command does)");
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "verify", "m1",
        "--report", REPORT.toString());
    assertEquals(Main.OK, code, out.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // As the env notes run it: headless as root, and without background networking, which
    // this machine's closed network refuses.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("tlbcheck-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static void screenshot(String name) throws Exception {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String background(WebElement e) {
    return e.getCssValue("background-color");
  }

  @Test
  void aPersonFollowsTheAviV3RowToItsTraceAndReplaysIt() throws Exception {
    browser.get(REPORT.toAbsolutePath().resolve("index.html").toUri().toString());
    assertEquals("tlbcheck report", browser.getTitle());
    int rows = CliRun.verifyRows("m1");
    assertEquals(rows + " checks: " + rows + " as expected, 0 unexpected, 0 incomplete",
        browser.findElement(By.id("summary")).getText());
    WebElement row = browser.findElements(By.cssSelector("#checks tbody tr")).stream()
        .filter(r -> r.getText().startsWith("m1 avi-v3 race N=2 A=2")).findFirst().orElseThrow();
    assertTrue(row.getText().contains("violates P1 violates P1 1,632"), row.getText());
    screenshot("report-index.png");

    row.findElement(By.linkText("violates P1")).click();
    assertEquals("m1 avi-v3, scenario race, N=2 A=2: violates P1", browser.getTitle());
    assertEquals("VIOLATED P1: vcpu1's TLB maps frame f after the host freed it\n"
        + "P1: no TLB holds a FREED frame", browser.findElement(By.id("property")).getText());

    List<String> columns = browser.findElements(By.cssSelector("#trace thead th")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("#", "invlpg", "sync", "notifier", "guest(1)", "changes"), columns);
    List<WebElement> steps = browser.findElements(By.cssSelector("#trace tbody tr"));
    assertEquals(12, steps.size());
    WebElement clear = steps.get(3);
    assertEquals("4 *remote_tlbs_dirty = false remote_tlbs_dirty: true -> false", clear.getText());
    WebElement changed = clear.findElement(By.className("changed"));
    assertEquals("rgba(255, 224, 138, 1)", background(changed));
    WebElement read = steps.get(10).findElement(By.className("read"));
    assertEquals("remote_tlbs_dirty == false", read.getText());
    assertEquals("rgba(0, 0, 0, 0)", background(read));

    WebElement frame = browser.findElements(By.cssSelector("#state tbody tr")).stream()
        .filter(r -> r.getText().startsWith("frame ")).findFirst().orElseThrow();
    assertEquals("frame FREED IN_USE", frame.getText());
    assertEquals("rgba(255, 224, 138, 1)", background(frame));
    screenshot("report-avi-v3-trace.png");

    String copied = browser.findElement(By.id("text-trace")).getText();
    assertTrue(copied.startsWith("# model m1  variant avi-v3  scenario race"), copied);
    Schedule schedule = Schedule.parse(copied);
    assertEquals("violates P1", Models.catalogue().replay(schedule).label());
    assertEquals("does not fit", Models.catalogue().replay(schedule, "tlbs-dirty-cmpxchg").label());

    browser.findElement(By.linkText("all checks")).click();
    assertEquals("tlbcheck report", browser.getTitle());
  }

  /**
   * The metrics page draws m1's remote-flush metric across N as SVG a browser renders, a line
   * per variant.
   */
  @Test
  void aPersonOpensTheMetricsAcrossN() throws Exception {
    browser.get(REPORT.toAbsolutePath().resolve("index.html").toUri().toString());
    browser.findElement(By.linkText("Metrics across N")).click();
    assertEquals("tlbcheck metrics across N", browser.getTitle());
    List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
    assertTrue(charts.size() >= 2, "charts: " + charts.size());
    WebElement first = charts.get(0);
    assertEquals(Catalogue.protocol("m1").variants().size(),
        first.findElements(By.tagName("polyline")).size(), "a line per variant");
    assertTrue(first.getSize().getWidth() > 400, "drawn " + first.getSize());
    screenshot("report-metrics.png");
    browser.findElement(By.linkText("all checks")).click();
    assertEquals("tlbcheck report", browser.getTitle());
  }
}
