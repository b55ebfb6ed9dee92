package tlbcheck.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule: which model it is for, and the (thread, step label) pairs a trace took, in order.
 * Parsed from a file that starts with a trace header ({@code # model m1  variant avi-v3
 * scenario s1  N=2 A=2}) and then either the column trace {@code tlbcheck check} prints
 * (anything before the header, such as the verdict lines, and after the trace is skipped), or
 * one {@code thread: step label} per line, as a race from a commit message is written by hand.
 * Lines starting with {@code //} in the second form are comments.
 */
public record Schedule(ModelRef model, List<Entry> steps) {
  public Schedule {
    steps = List.copyOf(steps);
  }

  /**
   * One scheduled step, with the line of the file it came from (from 1) and, in the column
   * form, what the trace says it changed (its changes column, "" if none; null in the line
   * form): under arm64 that says which write a load or a walk read.
   */
  public record Entry(int line, String thread, String label, String changes) {}

  /** A file that is not a schedule: what is wrong, and on which line. */
  public static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError(int line, String message) {
      super("line " + line + ": " + message);
    }
  }

  private static final Pattern HEADER = Pattern.compile(
      "^#\\s*model\\s+(\\S+)\\s+variant\\s+(\\S+)\\s+scenario\\s+(\\S+)((?:\\s+[A-Z]=\\d+)*)"
          + "(?:\\s+memory\\s+(\\S+))?\\s*$");
  private static final Pattern PARAM = Pattern.compile("([A-Z])=(\\d+)");
  private static final Pattern LINE_FORM = Pattern.compile("^\\s*([^\\s:|]+)\\s*:\\s+(.*\\S)\\s*$");

  /** Parses either form; a text that is neither is a {@link ParseError}. */
  public static Schedule parse(String text) {
    String[] lines = text.split("\r?\n", -1);
    int h = 0;
    while (h < lines.length && !HEADER.matcher(lines[h]).matches()) {
      h++;
    }
    if (h == lines.length) {
      throw new ParseError(1, "no trace header: a schedule starts with a line such as "
          + "'# model m1  variant avi-v3  scenario s1  N=2 A=2'");
    }
    // The output of check repeats the header above the trace: the last one starts the trace.
    for (int k = h + 1; k < lines.length; k++) {
      if (HEADER.matcher(lines[k]).matches()) {
        h = k;
      }
    }
    ModelRef model = header(lines[h]);
    int next = h + 1;
    while (next < lines.length && lines[next].isBlank()) {
      next++;
    }
    if (next + 1 < lines.length && lines[next].contains("| changes")
        && lines[next + 1].trim().startsWith("-")) {
      return new Schedule(model, columns(lines, next));
    }
    return new Schedule(model, lineForm(lines, next));
  }

  private static ModelRef header(String line) {
    Matcher m = HEADER.matcher(line);
    m.matches();
    Map<String, Integer> params = new LinkedHashMap<>();
    Matcher p = PARAM.matcher(m.group(4));
    while (p.find()) {
      params.put(p.group(1), Integer.parseInt(p.group(2)));
    }
    return new ModelRef(m.group(1), m.group(2), m.group(3), params, m.group(5));
  }

  /**
   * The column form: the thread names' positions in the header row are the columns; each row's
   * label is the text left of the changes separator, which starts where its thread's name
   * starts. The trace
   * ends at the first line that is not a row (VIOLATED, state:, a blank line).
   */
  private static List<Entry> columns(String[] lines, int headerRow) {
    String names = lines[headerRow];
    int separator = names.indexOf("| changes");
    List<String> threads = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher word = Pattern.compile("\\S+").matcher(names.substring(0, separator));
    while (word.find()) {
      threads.add(word.group());
      starts.add(word.start());
    }
    List<Entry> steps = new ArrayList<>();
    for (int i = headerRow + 2; i < lines.length; i++) {
      String line = lines[i];
      if (line.length() <= separator || line.charAt(separator) != '|') {
        break;
      }
      String cells = line.substring(0, separator);
      int at = 0;
      while (at < cells.length() && cells.charAt(at) == ' ') {
        at++;
      }
      if (at == cells.length()) {
        throw new ParseError(i + 1, "a row with no step in any thread's column");
      }
      int column = starts.indexOf(at);
      if (column < 0) {
        throw new ParseError(i + 1, "the step starts at column " + (at + 1) + ", where no "
            + "thread's column starts (the columns start under the thread names " + threads
            + ")");
      }
      steps.add(new Entry(i + 1, threads.get(column), cells.trim(),
          line.substring(separator + 1).trim()));
    }
    return steps;
  }

  /** The hand-written form: one {@code thread: step label} per line. */
  private static List<Entry> lineForm(String[] lines, int first) {
    List<Entry> steps = new ArrayList<>();
    for (int i = first; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.trim().startsWith("//")) {
        continue;
      }
      Matcher m = LINE_FORM.matcher(line);
      if (!m.matches()) {
        throw new ParseError(i + 1, "expected 'thread: step label', found '" + line.trim()
            + "'");
      }
      steps.add(new Entry(i + 1, m.group(1), m.group(2), null));
    }
    if (steps.isEmpty()) {
      throw new ParseError(first + 1, "the schedule has no steps");
    }
    return steps;
  }

  /** The hand-written form of this schedule: its header, then one {@code thread: label} a line. */
  public String toText() {
    StringBuilder sb = new StringBuilder("# ").append(model.header()).append('\n');
    steps.forEach(e -> sb.append(e.thread()).append(": ").append(e.label()).append('\n'));
    return sb.toString();
  }
}
