package tlbcheck.litmus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of expected litmus verdicts, as ../shared/litmus/expected.tsv keeps herd7's: a header
 * {@code name sc x86 arm64} (tab-separated; a column per memory model) and a row per test, each
 * verdict {@code Never}, {@code Sometimes} or {@code Always}. A malformed table is refused with
 * its file and line.
 */
public final class Expected {
  /** A table that cannot be read, with the place that is wrong. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private static final Set<String> VERDICTS = Set.of("Never", "Sometimes", "Always");

  private final Map<String, String> verdicts;

  private Expected(Map<String, String> verdicts) {
    this.verdicts = verdicts;
  }

  /** The column of memory model {@code memory} of the table in {@code path}. */
  public static Expected read(Path path, String memory) throws Malformed {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Malformed(path + ": cannot read: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new Malformed(path + ": empty; the first line names the columns: name, then one "
          + "per memory model");
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    int column = header.indexOf(memory);
    if (!header.get(0).equals("name") || column < 1) {
      throw new Malformed(path + ":1: the header must be 'name' and a column per memory model, "
          + "one of them '" + memory + "'; it is " + String.join(", ", header));
    }
    Map<String, String> verdicts = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length != header.size()) {
        throw new Malformed(path + ":" + (i + 1) + ": " + cells.length + " columns where the "
            + "header has " + header.size());
      }
      if (!VERDICTS.contains(cells[column])) {
        throw new Malformed(path + ":" + (i + 1) + ": '" + cells[column] + "' is not Never, "
            + "Sometimes or Always");
      }
      if (verdicts.put(cells[0], cells[column]) != null) {
        throw new Malformed(path + ":" + (i + 1) + ": test " + cells[0] + " is listed twice");
      }
    }
    return new Expected(verdicts);
  }

  /** The expected verdict of test {@code name}, or null if the table has none. */
  public String verdict(String name) {
    return verdicts.get(name);
  }
}
