package tlbcheck.stress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

/**
 * Turns what jcstress recorded into JSON for the checker (STYLE.md 14): jcstress's own binary
 * result files ({@code jcstress-results-*.bin.gz}, which a run leaves in its working directory),
 * read back with jcstress's own reader ({@link DiskReadCollector}), never its console text. The
 * checker runs this in a child JVM on {@code jcstress.jar} and reads the JSON; it does not depend
 * on this module.
 *
 * <p>The JSON: {@code {"format": "tlbcheck-jcstress", "version": 1, "tests": [{"name": ...,
 * "status": "NORMAL", "samples": {"ok": 4400000, "stale-tlb": 425}}]}}, tests by name, each
 * test's results over every configuration it ran in added up, its status the first that is not
 * {@code NORMAL}, outcomes with no sample left out.
 */
public final class ResultFiles {
  public static final String FORMAT = "tlbcheck-jcstress";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private ResultFiles() {
  }

  /** The results of every result file in {@code dir}, as JSON. */
  static String json(Path dir) throws IOException {
    InProcessCollector collector = new InProcessCollector();
    for (Path file : resultFiles(dir)) {
      DiskReadCollector reader = new DiskReadCollector(file.toString(), collector);
      try {
        reader.dump();
      } catch (ClassNotFoundException e) {
        throw new IOException(file + ": not a jcstress result file of this version", e);
      } finally {
        reader.close();
      }
    }
    Map<String, Status> status = new TreeMap<>();
    Map<String, Map<String, Long>> samples = new TreeMap<>();
    for (TestResult r : collector.getTestResults()) {
      Status was = status.getOrDefault(r.getName(), Status.NORMAL);
      status.put(r.getName(), was.combine(r.status()));
      Map<String, Long> counts = samples.computeIfAbsent(r.getName(), k -> new TreeMap<>());
      for (String outcome : r.getStateKeys()) {
        long n = r.getCount(outcome);
        if (n > 0) {
          counts.merge(outcome, n, Long::sum);
        }
      }
    }
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("version", VERSION);
    ArrayNode tests = doc.putArray("tests");
    status.forEach((name, s) -> {
      ObjectNode t = tests.addObject();
      t.put("name", name);
      t.put("status", s.toString());
      ObjectNode counts = t.putObject("samples");
      samples.get(name).forEach(counts::put);
    });
    return MAPPER.writeValueAsString(doc) + "\n";
  }

  /** The result files a jcstress run left in {@code dir}, by name. */
  private static List<Path> resultFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> {
        String n = f.getFileName().toString();
        return n.startsWith("jcstress-results-") && n.endsWith(".bin.gz");
      }).sorted().toList();
    }
  }

  /** Reads the result files in {@code args[0]} and writes their JSON to {@code args[1]}. */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[1]), json(Path.of(args[0])));
  }
}
