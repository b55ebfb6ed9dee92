package tlbcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tlbcheck.model.real.Outcome;

/**
 * The jcstress engine: runs the generated tests ({@link JcstressTests}) from the stress module's
 * {@code jcstress.jar} in a child JVM, reads how often each outcome was observed, and judges
 * each test against the explorer: every observed outcome must be one the explorer finds
 * reachable in the race's order (else the model and its execution on real memory disagree); a
 * safe variant must show no violation, a buggy one must show one.
 */
public final class JcstressEngine {
  /** How long jcstress runs each test. */
  public enum Mode {
    /**
     * One JVM mode, one iteration of 2 s in each of jcstress's two compilation modes: about 7 s
     * a test on 2 cores. What CI runs.
     */
    SHORT(List.of("-m", "quick", "-jvmArgs", "-Xmx512m", "-sc", "false", "-iters", "1",
        "-time", "2000")),
    /** jcstress's own default preset: every JVM mode and scheduling class, several forks. */
    LONG(List.of("-m", "default"));

    final List<String> args;

    Mode(List<String> args) {
      this.args = args;
    }
  }

  /**
   * What jcstress observed of one test: its status ({@code OK}, {@code FAILED}) and the samples
   * of each outcome it observed at least once, in jcstress's order.
   */
  public record Observed(String status, Map<String, Long> samples) {
    public Observed {
      samples = Collections.unmodifiableMap(new LinkedHashMap<>(samples));
    }

    public long total() {
      return samples.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Samples that broke a property. */
    public long violations() {
      return samples.entrySet().stream().filter(e -> !e.getKey().equals(Outcome.OK))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /** A test's observations and the judgement; {@code observed} is null if it did not run. */
  public record Result(JcstressTests.Test test, Observed observed, boolean agrees,
      String verdict) {
  }

  private final Path jar;
  private final Path workDir;

  /**
   * An engine running {@code jar}, from {@code workDir}: jcstress leaves its result files in
   * the working directory, so it must be a directory under a target/.
   */
  public JcstressEngine(Path jar, Path workDir) {
    this.jar = jar;
    this.workDir = workDir;
  }

  /** Runs {@code tests} in {@code mode} and judges each; the whole run's output is kept. */
  public List<Result> run(List<JcstressTests.Test> tests, Mode mode)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("the jcstress tests are not built: " + jar + " is missing (mvn "
          + "package builds it)");
    }
    Files.createDirectories(workDir);
    String selector = tests.stream().map(t -> Pattern.quote(t.className()))
        .collect(Collectors.joining("|", "^(", ")$"));
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar.toString(),
        "-t", selector, "-r", "results", "-v"));
    command.addAll(mode.args);
    Path log = workDir.resolve("jcstress.out");
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    p.waitFor();
    Map<String, Observed> observed = parse(Files.readString(log, StandardCharsets.UTF_8));
    List<Result> results = new ArrayList<>();
    for (JcstressTests.Test t : tests) {
      results.add(judge(t, observed.get(t.className())));
    }
    return results;
  }

  /** Judges one test's observations against the explorer's reachable outcomes. */
  static Result judge(JcstressTests.Test t, Observed o) {
    if (o == null) {
      return new Result(t, null, false, "NOT RUN (no result in jcstress's output)");
    }
    List<String> reachable = t.reachableOutcomes();
    List<String> impossible = o.samples().keySet().stream().filter(k -> !reachable.contains(k))
        .toList();
    if (!impossible.isEmpty()) {
      return new Result(t, o, false, "DISAGREES: observed " + impossible + ", which the "
          + "explorer proves unreachable in this race (reachable: " + reachable + ")");
    }
    if (t.expected().safe()) {
      return new Result(t, o, o.violations() == 0, o.violations() == 0 ? "safe"
          : "VIOLATED in a safe variant");
    }
    return new Result(t, o, o.violations() > 0, o.violations() > 0
        ? "caught " + String.join(", ", violationsSeen(o)) : "NOT OBSERVED");
  }

  private static List<String> violationsSeen(Observed o) {
    return o.samples().keySet().stream().filter(k -> !k.equals(Outcome.OK)).toList();
  }

  private static final Pattern TEST = Pattern.compile("^\\.+ \\[(\\w[\\w ]*)\\] (\\S+)\\s*$");
  private static final Pattern ROW =
      Pattern.compile("^\\s*(\\S+)\\s+([0-9,]+)\\s+[<>]?[0-9.]+%\\s+(\\S+)\\s+(.*)$");

  /**
   * Each test's samples by outcome, from the "Results across all configurations" tables of
   * jcstress's verbose summary (after "RUN RESULTS:").
   */
  static Map<String, Observed> parse(String output) {
    Map<String, Observed> tests = new TreeMap<>();
    int summary = output.lastIndexOf("RUN RESULTS:");
    if (summary < 0) {
      return tests;
    }
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, Map<String, Long>> samples = new LinkedHashMap<>();
    String test = null;
    boolean inTable = false;
    for (String line : output.substring(summary).split("\n")) {
      Matcher h = TEST.matcher(line);
      if (h.matches()) {
        test = h.group(2);
        status.put(test, h.group(1));
        samples.put(test, new LinkedHashMap<>());
        inTable = false;
      } else if (line.contains("Results across all configurations")) {
        inTable = test != null;
      } else {
        Matcher r = ROW.matcher(line);
        long n = inTable && r.matches() ? Long.parseLong(r.group(2).replace(",", "")) : 0;
        if (n > 0) {
          samples.get(test).put(r.group(1), n);
        }
      }
    }
    samples.forEach((t, s) -> tests.put(t, new Observed(status.get(t), s)));
    return tests;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
