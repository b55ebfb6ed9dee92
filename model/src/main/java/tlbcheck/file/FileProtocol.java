package tlbcheck.file;

import java.util.List;
import java.util.Map;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Variant;

/**
 * A model file as a protocol, so that every command takes it where it takes a catalogue model:
 * its id is the test's name, its one variant {@code as-written}, its one scenario {@code race}
 * (every thread from the start), and its parameters are its own, so N and the others change
 * nothing. The expectation comes from the comment's {@code Expected: safe} or {@code Expected:
 * violation of P1} line, with {@code Expected under arm64: violation of P1} where a memory
 * model's verdict differs, or else from its {@code Result:} line: for an {@code exists}
 * clause, {@code Never} is safe and {@code Sometimes} or {@code Always} a violation of the
 * clause's property; for {@code forall}, {@code Always} is safe.
 */
public final class FileProtocol extends Protocol {
  /** The one variant of a model file. */
  public static final String VARIANT = "as-written";

  private final ModelFile file;

  private FileProtocol(ModelFile file, Variant variant) {
    super(file.name(), file.name() + " (" + file.file() + ")", List.of("race"),
        List.of(variant));
    this.file = file;
  }

  public static FileProtocol of(ModelFile file) {
    String violated = file.expectedViolation();
    if (violated != null) {
      Variant v = Variant.of(VARIANT, "the file as written", expectation("Expected", violated));
      for (Map.Entry<String, String> e : file.expectedViolationUnder().entrySet()) {
        v = v.in("race", e.getKey(), expectation("Expected under " + e.getKey(),
            e.getValue()));
      }
      return new FileProtocol(file, v);
    }
    Clause clause = file.clause();
    if (clause == null) {
      return new FileProtocol(file, Variant.of(VARIANT, "the file as written",
          Expectation.safe("the file states no 'Expected:'; checked as if it said safe")));
    }
    String property = file.model().properties().get(0).id();
    boolean forall = clause.quantifier() == Clause.Quantifier.FORALL;
    String result = file.result();
    Expectation e;
    if (result == null) {
      e = Expectation.safe("the file states no 'Result:'; checked as if it said "
          + (forall ? "Always" : "Never"));
    } else if (result.equals(forall ? "Always" : "Never")) {
      e = Expectation.safe("Result: " + result + " for " + clause);
    } else {
      e = Expectation.violation(property, "Result: " + result + " for " + clause);
    }
    return new FileProtocol(file, Variant.of(VARIANT, "the file as written", e));
  }

  private static Expectation expectation(String line, String violated) {
    return violated.isEmpty() ? Expectation.safe(line + ": safe")
        : Expectation.violation(violated, line + ": violation of " + violated);
  }

  /** The file's model, whatever the parameters: a file fixes its own. */
  @Override
  protected Model model(String variant, String scenario, Params params) {
    return file.model();
  }

  /**
   * The stress module's class for files: one for files expected safe, one for files expected to
   * break a property, since jcstress reads an outcome's expectation from an annotation. Which
   * file it runs is the environment variable {@link #STRESS_FILE} of the JVM that runs it.
   */
  public static final String STRESS_SAFE = "tlbcheck.stress.files.SafeFile";
  public static final String STRESS_BUGGY = "tlbcheck.stress.files.BuggyFile";
  public static final String STRESS_FILE = "TLBCHECK_STRESS_FILE";

  @Override
  public String stressClass(Race race, Variant variant, Expectation expected) {
    return expected.safe() ? STRESS_SAFE : STRESS_BUGGY;
  }

  /** The file this protocol was read from. */
  public String path() {
    return file.file();
  }

  /** The file's race ({@link ModelFile#race}), if it has one. */
  @Override
  public List<Race> races(Params params) {
    return file.race() == null ? List.of() : List.of(file.race());
  }

  /** A file is checked once, at its own parameters. */
  @Override
  public List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT);
  }
}
