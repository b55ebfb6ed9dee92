package tlbcheck.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.ThreadDef;

/**
 * The model-file front end on its own: how lines become steps (one shared access a line, its
 * text the label), and every malformed file refused with its file, line and column.
 */
class ModelFileTest {
  private static final String MP = """
      C MP+wmb
      (* Message passing. Result: Never *)
      { y=0; }
      P0(int *x, int *y)
      {
        WRITE_ONCE(*x, 1);
        smp_wmb();
        smp_store_release(y, 1);
      }
      P1(int *x, int *y)
      {
        int r0;
        int r1 = 0;
        r0 = smp_load_acquire(y);
        if (r0)
          r1 = READ_ONCE(*(x + (r0 ^ r0)));
      }
      exists (1:r0=1 /\\ 1:r1=0)
      """;

  @Test
  void eachLineIsAStepLabelledWithItsText() {
    ModelFile f = ModelFile.parse("mp.litmus", MP);
    Model m = f.model();
    assertEquals("MP+wmb", f.name());
    assertEquals("Never", f.result());
    assertEquals(List.of("WRITE_ONCE(*x, 1)", "smp_wmb()", "smp_store_release(y, 1)"),
        labels(m.threads().get(0)));
    assertEquals(List.of("int r1 = 0", "r0 = smp_load_acquire(y)", "if (r0)",
        "r1 = READ_ONCE(*(x + (r0 ^ r0)))"), labels(m.threads().get(1)));
    assertEquals("exists (1:r0=1 /\\ 1:r1=0)", f.clause().toString());
    assertEquals(List.of("1:r0", "1:r1"), f.clause().observed());
  }

  @Test
  void aLineWithTwoSharedAccessesIsRefused() {
    assertRefused("P0(int *x, int *y) {\n  WRITE_ONCE(*x, READ_ONCE(*y));\n}\nexists (x=1)",
        "t.litmus:5:3: 'WRITE_ONCE(*x, READ_ONCE(*y));' makes 2 shared accesses (y, x); a step "
            + "makes at most one");
  }

  @Test
  void anUnknownPrimitiveIsRefused() {
    assertRefused("P0(int *x) {\n  smp_frob(x);\n}\nexists (x=1)",
        "t.litmus:5:3: unknown primitive 'smp_frob'");
  }

  @Test
  void anUndeclaredRegisterIsRefused() {
    assertRefused("P0(int *x) {\n  r0 = READ_ONCE(*x);\n}\nexists (x=1)",
        "t.litmus:5:3: undeclared register 'r0' in P0");
    assertRefused("P0(int *x) {\n  WRITE_ONCE(*x, 1);\n}\nexists (0:r3=1)",
        "t.litmus:7:9: P0 declares no register 'r3'");
  }

  @Test
  void aTypeErrorIsRefused() {
    assertRefused("P0(spinlock_t *s) {\n  WRITE_ONCE(*s, 1);\n}\nexists (0:r0=1)",
        "t.litmus:5:15: 's' is a lock, not an int");
    assertRefused("P0(int *x) {\n  int r0;\n  r0 = x;\n}\nexists (x=1)",
        "t.litmus:6:8: 'x' is a pointer to a shared variable: read it with READ_ONCE(*x)");
  }

  @Test
  void aThreadTouchingAVariableItDidNotDeclareIsRefused() {
    assertRefused("P0(int *x) {\n  WRITE_ONCE(*x, 1);\n}\nP1(int *y) {\n  WRITE_ONCE(*x, 2);\n}"
        + "\nexists (x=1)", "t.litmus:8:15: P1 touches 'x', which its parameters do not declare");
  }

  @Test
  void syntaxAndStructureErrorsAreRefused() {
    assertRefused("P0(int *x) {\n  WRITE_ONCE(*x, 1)\n}\nexists (x=1)",
        "t.litmus:6:1: syntax error");
    assertRefused("P0(int *x) {\n  WRITE_ONCE(*x, 1);\n}\n",
        "t.litmus:1:1: a model file ends with its final clause");
    assertRefused("P1(int *x) {\n  WRITE_ONCE(*x, 1);\n}\nexists (x=1)",
        "t.litmus:4:1: threads are P0, P1, ... in order");
    ModelError e = assertThrows(ModelError.class, () -> ModelFile.parse("t.litmus", "{}\n"));
    assertEquals("t.litmus:1:1: a model file starts with the line 'C NAME', the name of the "
        + "test", e.getMessage());
  }

  private static void assertRefused(String body, String message) {
    ModelError e = assertThrows(ModelError.class,
        () -> ModelFile.parse("t.litmus", "C t\n\n{}\n" + body + "\n"));
    assertEquals(message, e.getMessage().substring(0, Math.min(message.length(),
        e.getMessage().length())), e.getMessage());
  }

  private static List<String> labels(ThreadDef t) {
    return t.program().stream().map(s -> s.label()).toList();
  }
}
