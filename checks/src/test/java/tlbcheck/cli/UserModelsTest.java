package tlbcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlbcheck.CliRun;

/**
 * A user's own model, outside tlbcheck: {@code usermodel/demo/LostFlush.java} is compiled here
 * against the model module alone into a class directory of its own, listed in its
 * META-INF/services, and every command finds it with {@code --models DIR}, as it would a jar.
 * Nothing of tlbcheck is edited: the catalogue's tests do not know it exists.
 */
class UserModelsTest {
  @TempDir
  static Path dir;
  private static String classes;

  @BeforeAll
  static void compileTheUsersModel() throws IOException {
    Path src = Path.of("src/test/resources/usermodel/demo/LostFlush.java");
    Path out = dir.resolve("classes");
    Files.createDirectories(out.resolve("META-INF/services"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code = javac.run(null, null, null, "-d", out.toString(), "-cp",
        System.getProperty("java.class.path"), src.toString());
    assertEquals(0, code, "javac");
    Files.writeString(out.resolve("META-INF/services/tlbcheck.model.Protocol"),
        "demo.LostFlush\n", StandardCharsets.UTF_8);
    classes = out.toString();
  }

  @Test
  void listShowsItBesideTheCatalogue() {
    CliRun r = CliRun.of("list", "--models", classes);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("lost  a user's lost flush"), r.out());
    assertTrue(r.out().startsWith("m1  "), r.out());
  }

  /** The bug is caught with its trace, the fix proved, and the saved trace replays. */
  @Test
  void checkCatchesTheBugProvesTheFixAndTheTraceReplays() throws IOException {
    CliRun bug = CliRun.of("check", "--models", classes, "lost", "--variant", "clear-first");
    assertEquals(1, bug.code(), bug.err());
    assertTrue(bug.out().contains("verdict: violates P1"), bug.out());
    assertTrue(bug.out().contains("VIOLATED P1: the TLB maps the freed page"), bug.out());
    // A model without parameters prints none, and no line ends in a space.
    assertTrue(bug.out().contains("# model lost  variant clear-first  scenario race\n"),
        bug.out());
    assertTrue(bug.out().lines().noneMatch(l -> l.endsWith(" ")), bug.out());
    // Registers carry their thread's name.
    assertTrue(bug.out().contains("freer.flush = false"), bug.out());
    CliRun fix = CliRun.of("check", "--models", classes, "lost", "--variant", "locked");
    assertEquals(0, fix.code(), fix.out() + fix.err());
    assertTrue(fix.out().contains("verdict: safe"), fix.out());

    Path trace = dir.resolve("clear-first.txt");
    Files.writeString(trace, bug.out(), StandardCharsets.UTF_8);
    CliRun replay = CliRun.of("replay", "--models", classes, trace.toString());
    assertEquals(1, replay.code(), replay.err());
    assertTrue(replay.out().contains("VIOLATED P1"), replay.out());
    CliRun other = CliRun.of("replay", "--models", classes, trace.toString(), "--variant",
        "locked");
    assertEquals(2, other.code(), other.out());
  }

  @Test
  void verifyAndNecessityRunItLikeACatalogueModel() {
    CliRun v = CliRun.of("verify", "--models", classes, "lost", "--report",
        dir.resolve("report").toString());
    assertEquals(2, v.code(), v.out() + v.err());
    assertTrue(v.out().contains("3 checks: 2 as expected, 0 unexpected, 0 incomplete, 1 broken "
        + "models"), v.out());
    assertTrue(v.out().contains("lost     locked                 race      -    "), v.out());
    CliRun n = CliRun.of("necessity", "--models", classes, "lost", "--variant", "locked");
    assertEquals(0, n.code(), n.err());
    assertTrue(n.out().contains("mmu_lock"), n.out());
  }

  /** A broken user model gets exit 2 and a message naming the model, the thread and the step. */
  @Test
  void aBrokenUserModelIsNamed() {
    CliRun r = CliRun.of("check", "--models", classes, "lost", "--variant", "broken");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("model lost/broken/race: step 'pending = true; pte = NONPRESENT' "
        + "of thread zapper touches two shared variables, pending and pte"), r.err());
  }

  @Test
  void aPathWithoutModelsIsRefused() throws IOException {
    CliRun missing = CliRun.of("list", "--models", dir.resolve("nowhere").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("nowhere does not exist"), missing.err());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = CliRun.of("list", "--models", empty.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no model in"), none.err());
  }
}
