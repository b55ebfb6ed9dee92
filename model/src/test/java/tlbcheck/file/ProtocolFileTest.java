package tlbcheck.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.ThreadDef;

/**
 * What protocol files add to the litmus format, on the front end alone: typed shared state in
 * declaration order, named threads and their CPUs, the TLB's hardware steps, functions of one
 * step and of several, named properties and the expected verdict; and each misuse refused with
 * its place.
 */
class ProtocolFileTest {
  private static final String HEAD = """
      C p
      (* Expected: violation of P1 *)
      {
        enum pte_t { NONE, MAPS(f) };
        enum page_t { USED, FREED };
        enum pte_t pte = MAPS(f);
        bool dirty = true;
        tlb_t tlb[2];
        enum page_t page = USED;
      }
      static bool present(enum pte_t v)
      {
        return v != NONE;
      }
      static bool zap(enum pte_t *pte)
      {
        if (!present(*pte))
          return false;
        *pte = NONE;
        return true;
      }
      static void flush_and_clear(bool *dirty)
      {
        bool was = *dirty;
        flush_all();
        *dirty = false;
      }
      """;

  private static final String BODY = HEAD + """
      host(enum pte_t *pte, bool *dirty, enum page_t *page)
      {
        bool zapped;
        zapped = zap(pte);
        flush_and_clear(dirty);
        *page = FREED;
      }
      guest(1)(tlb_t *tlb, enum pte_t *pte)
      {
        access(tlb, pte);
      }
      invariant P1 "no TLB maps a freed page" (~(page=FREED /\\ tlb[1]=f))
      """;

  @Test
  void oneStepFunctionsAreTheirCallsLineAndOthersAreInlined() {
    ModelFile f = ModelFile.parse("p.litmus", BODY);
    Model m = f.model();
    assertEquals(List.of("zapped = zap(pte)", "bool was = *dirty", "flush(0)", "flush(1)",
        "*dirty = false", "*page = FREED"), labels(m.threads().get(0)));
    assertEquals("guest(1)", m.threads().get(1).name());
    assertEquals(List.of("access(tlb, pte)"), labels(m.threads().get(1)));
    assertEquals("[pte, dirty, tlb[0], tlb[1], page]", m.vars().stream().map(v -> v.name())
        .toList().toString());
    assertEquals("P1", f.expectedViolation());
    assertNull(f.clause());
  }

  @Test
  void aFunctionTouchesOnlyItsParameters() {
    assertRefused(HEAD.replace("*pte = NONE;", "*pte = NONE; *page = FREED;") + """
        host(enum pte_t *pte, enum page_t *page) { bool z; z = zap(pte); }
        invariant P1 "x" (page=USED)
        """, "p.litmus:19:17: zap touches 'page', which its parameters do not declare");
  }

  @Test
  void aFunctionOfSeveralStepsIsNotAnExpression() {
    assertRefused(HEAD + """
        host(bool *dirty) { int r; r = flush_and_clear(dirty); }
        invariant P1 "x" (dirty=false)
        """, "p.litmus:28:32: flush_and_clear runs as several steps");
  }

  @Test
  void anAccessNeedsTheThreadsCpuInTheTlb() {
    assertRefused(HEAD + """
        guest(2)(tlb_t *tlb, enum pte_t *pte) { access(tlb, pte); }
        invariant P1 "x" (page=USED)
        """, "p.litmus:28:41: guest(2) runs on CPU 2, and the TLB has CPUs 0..1");
  }

  @Test
  void aValueOutsideTheTypeIsRefused() {
    assertRefused(HEAD + """
        host(enum page_t *page) { *page = FREED; }
        invariant P1 "x" (page=MAPS(f))
        """, "p.litmus:29:19: 'MAPS(f)' is not a value of [USED, FREED]");
  }

  @Test
  void theExpectedViolationNamesAProperty() {
    assertRefused(HEAD.replace("P1 *)", "P9 *)") + """
        host(enum page_t *page) { *page = FREED; }
        invariant P1 "x" (page=USED)
        """, "p.litmus:1:1: 'Expected: violation of P9' names no property of the file");
  }

  private static void assertRefused(String text, String message) {
    ModelError e = assertThrows(ModelError.class, () -> ModelFile.parse("p.litmus", text));
    assertEquals(message, e.getMessage().substring(0, Math.min(message.length(),
        e.getMessage().length())), e.getMessage());
  }

  private static List<String> labels(ThreadDef t) {
    return t.program().stream().map(s -> s.label()).toList();
  }
}
