package tlbcheck.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Race;

/**
 * A model written as a file in the Linux-kernel memory model's C litmus format (DESIGN.md
 * "Model files"): {@code C NAME}, an optional {@code (* comment *)}, the initial state, one
 * function per thread, and a final clause. It compiles to the same {@link Model} the Java
 * vocabulary builds, so every engine runs it.
 *
 * <p>Every error, from a token the grammar does not know to a thread that touches a variable it
 * did not declare, is a {@link ModelError} whose message starts with {@code file:line:column}.
 */
public final class ModelFile {
  private static final Pattern RESULT = Pattern.compile("Result:\\s*(Never|Sometimes|Always)");
  private static final Pattern EXPECTED = Pattern.compile(
      "Expected(?: under (\\w+))?:\\s*(safe|violation of (\\S+))");

  /** The memory models an {@code Expected under M:} line may name: the explorer's. */
  private static final List<String> MEMORY_MODELS = List.of("sc", "x86", "arm64");

  private final String file;
  private final String name;
  private final String result;
  private final String violated;
  private final Map<String, String> violatedUnder;
  private final Compiler.Result compiled;

  private ModelFile(String file, String name, String result, String violated,
      Map<String, String> violatedUnder, Compiler.Result compiled) {
    this.file = file;
    this.name = name;
    this.result = result;
    this.violated = violated;
    this.violatedUnder = violatedUnder;
    this.compiled = compiled;
  }

  /** Reads and parses {@code path}; an unreadable file is a {@link ModelError} too. */
  public static ModelFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelError(path + ": cannot read the model file: " + e.getMessage());
    }
    return parse(path.toString(), text);
  }

  /** Parses and compiles {@code text}, which error messages call {@code file}. */
  public static ModelFile parse(String file, String text) {
    Header header = Header.of(file, text);
    KernelCLexer lexer = new KernelCLexer(CharStreams.fromString(header.body()));
    KernelCParser parser = new KernelCParser(new CommonTokenStream(lexer));
    BaseErrorListener fail = new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int column,
          String msg, RecognitionException e) {
        throw new Where(file, line, column + 1).error("syntax error: " + msg);
      }
    };
    lexer.removeErrorListeners();
    lexer.addErrorListener(fail);
    parser.removeErrorListeners();
    parser.addErrorListener(fail);
    KernelCParser.FileContext tree = parser.file();
    Matcher result = RESULT.matcher(header.comment());
    Compiler.Result compiled = new Compiler(file, header.name(), tree).compile();
    Matcher expected = EXPECTED.matcher(header.comment());
    String violated = null;
    Map<String, String> under = new TreeMap<>();
    while (expected.find()) {
      String id = expected.group(3) == null ? "" : expected.group(3);
      if (!id.isEmpty() && compiled.model().properties().stream()
          .noneMatch(p -> p.id().equals(id))) {
        throw new Where(file, 1, 1).error("'" + expected.group() + "' names no property of "
            + "the file; it has " + compiled.model().properties().stream()
                .map(p -> p.id()).toList());
      }
      if (expected.group(1) != null && !MEMORY_MODELS.contains(expected.group(1))) {
        throw new Where(file, 1, 1).error("'" + expected.group() + "' names no memory model: "
            + "they are " + MEMORY_MODELS);
      }
      if (expected.group(1) == null) {
        violated = id;
      } else {
        under.put(expected.group(1), id);
      }
    }
    if (violated == null && !under.isEmpty()) {
      throw new Where(file, 1, 1).error("'Expected under " + under.keySet().iterator().next()
          + ":' overrides the file's 'Expected:' line, which it lacks");
    }
    return new ModelFile(file, header.name(), result.find() ? result.group(1) : null, violated,
        under, compiled);
  }

  /** The test's name, from its {@code C NAME} line. */
  public String name() {
    return name;
  }

  public String file() {
    return file;
  }

  /**
   * The result the file's comment states, as the kernel's litmus tests do ({@code Result:
   * Never}, {@code Sometimes} or {@code Always}), or null if it states none.
   */
  public String result() {
    return result;
  }

  /**
   * What the comment's {@code Expected:} line says: "" for {@code Expected: safe}, the
   * property's id for {@code Expected: violation of P1}, or null if it has no such line.
   */
  public String expectedViolation() {
    return violated;
  }

  /**
   * What the comment's {@code Expected under M:} lines say for memory model M, where the
   * hardware's ordering changes the verdict ({@code Expected under arm64: violation of P1}), in
   * the form of {@link #expectedViolation}; memory models without a line take that one.
   */
  public Map<String, String> expectedViolationUnder() {
    return violatedUnder;
  }

  /** The final clause the file ends with, or null if it names its properties instead. */
  public Clause clause() {
    return compiled.clause();
  }

  /**
   * The race jcstress runs: the file's {@code race} clause, or its two threads against each
   * other; null for a file of more threads that declares none.
   */
  public Race race() {
    return compiled.race();
  }

  /** The model, with the final clause as its one property. */
  public Model model() {
    return compiled.model();
  }
}
