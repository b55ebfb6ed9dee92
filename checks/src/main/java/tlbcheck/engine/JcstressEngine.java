package tlbcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tlbcheck.file.FileProtocol;
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

  private static final ObjectMapper MAPPER = new ObjectMapper();

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

  /**
   * Runs {@code tests} in {@code mode} and judges each; the whole run's output is kept. The
   * catalogue's tests run in one jcstress run; each model file's in one of its own, since the
   * file's class learns which file it runs from its environment.
   */
  public List<Result> run(List<JcstressTests.Test> tests, Mode mode)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("the jcstress tests are not built: " + jar + " is missing (mvn "
          + "package builds it)");
    }
    Files.createDirectories(workDir);
    Map<String, List<JcstressTests.Test>> runs = new LinkedHashMap<>();
    for (JcstressTests.Test t : tests) {
      String file = t.protocol() instanceof FileProtocol f
          ? Path.of(f.path()).toAbsolutePath().toString() : "";
      runs.computeIfAbsent(file, k -> new ArrayList<>()).add(t);
    }
    Map<JcstressTests.Test, Observed> observed = new LinkedHashMap<>();
    for (Map.Entry<String, List<JcstressTests.Test>> run : runs.entrySet()) {
      Map<String, Observed> seen = runJcstress(run.getValue(), mode, run.getKey());
      run.getValue().forEach(t -> observed.put(t, seen.get(t.className())));
    }
    List<Result> results = new ArrayList<>();
    for (JcstressTests.Test t : tests) {
      results.add(judge(t, observed.get(t)));
    }
    return results;
  }

  /** One jcstress run of {@code tests}, with {@code file} as the model file ("" for none). */
  private Map<String, Observed> runJcstress(List<JcstressTests.Test> tests, Mode mode,
      String file) throws IOException, InterruptedException {
    String selector = tests.stream().map(t -> Pattern.quote(t.className())).distinct()
        .collect(Collectors.joining("|", "^(", ")$"));
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar.toString(),
        "-t", selector, "-r", "results", "-v"));
    command.addAll(mode.args);
    Path log = workDir.resolve(file.isEmpty() ? "jcstress.out" : "jcstress-"
        + Path.of(file).getFileName() + ".out");
    clearResultFiles();
    run(command, log, file);
    Path json = workDir.resolve("results.json");
    Files.deleteIfExists(json);
    run(List.of(javaCommand(), "-cp", jar.toString(), "tlbcheck.stress.ResultFiles",
        workDir.toString(), json.toString()), workDir.resolve("result-files.out"), "");
    return Files.isRegularFile(json) ? read(Files.readString(json, StandardCharsets.UTF_8))
        : Map.of();
  }

  /**
   * Runs {@code command} in the working directory, its output to {@code log}, with {@code file}
   * as the model file a file's test runs (inherited by jcstress's forked JVMs).
   */
  private void run(List<String> command, Path log, String file)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    if (!file.isEmpty()) {
      pb.environment().put(FileProtocol.STRESS_FILE, file);
    }
    pb.start().waitFor();
  }

  /** The result files of an earlier run would be read with this one's: remove them. */
  private void clearResultFiles() throws IOException {
    try (var files = Files.list(workDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("jcstress-results-"))
          .toList()) {
        Files.delete(f);
      }
    }
  }

  /** Judges one test's observations against the explorer's reachable outcomes. */
  static Result judge(JcstressTests.Test t, Observed o) {
    if (o == null) {
      return new Result(t, null, false, "NOT RUN (no result in jcstress's result files)");
    }
    // A test jcstress could not run to the end proves nothing, however quiet its samples.
    if (!o.status().equals("NORMAL") || o.total() == 0) {
      return new Result(t, o, false, "NOT RUN (jcstress status " + o.status() + ", "
          + o.total() + " samples)");
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

  /**
   * Each test's samples by outcome, from the JSON that the stress module's {@code ResultFiles}
   * makes of jcstress's own result files (never jcstress's console text).
   */
  static Map<String, Observed> read(String json) throws IOException {
    JsonNode doc = MAPPER.readTree(json);
    if (!"tlbcheck-jcstress".equals(doc.path("format").asText())
        || doc.path("version").asInt() != 1) {
      throw new IOException("not version 1 of tlbcheck's jcstress results");
    }
    Map<String, Observed> tests = new TreeMap<>();
    for (JsonNode t : doc.path("tests")) {
      Map<String, Long> samples = new LinkedHashMap<>();
      t.path("samples").fields().forEachRemaining(e -> samples.put(e.getKey(),
          e.getValue().asLong()));
      tests.put(t.path("name").asText(), new Observed(t.path("status").asText(), samples));
    }
    return tests;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
