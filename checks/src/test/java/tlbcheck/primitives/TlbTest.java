package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.result.CheckResult;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The TLB primitive on its own (PROTOCOLS.md M3, M4): a walk cache outlives the entry it was
 * filled from until a flush drops it; flush_all is one step per CPU, with other threads in
 * between; a range invalidation drops only what it covers, and counts what it drops.
 */
class TlbTest {
  /**
   * CPU 0 walks twice through {@code entry} (TABLE or NONE) to {@code table} (LIVE or FREED),
   * caching the table in its walk cache. The updater clears the entry, optionally flushes both
   * CPUs, and frees the table. USE: no walk reads the freed table.
   */
  private static Model walkThenFree(boolean flush) {
    ModelBuilder m = Model.builder("test", "tlb", flush ? "flush" : "no-flush");
    Var entry = m.var("entry", Domain.of("NONE", "TABLE"), 1);
    Var table = m.var("table", Domain.of("LIVE", "FREED"), 0);
    Tlb tlb = Tlb.declare(m, 2);
    Var[] psc = tlb.walkCache("psc", "table");
    StepAssertion use = m.stepAssertion("USE", "no walk reads a freed table");
    ThreadBuilder cpu = m.thread("cpu0");
    for (int i = 0; i < 2; i++) {
      cpu.hardware("walk", c -> {
        if (tlb.walkTable(c, psc, 0, entry, v -> v == 1 ? 0 : -1) == 0 && c.load(table) == 1) {
          c.fail(use, "cpu0 walks the freed table");
        }
      });
    }
    ThreadBuilder updater = m.thread("updater").step("entry = NONE", c -> c.store(entry, 0));
    if (flush) {
      tlb.flushAll(updater, c -> "flush(" + c + ")", null, null);
    }
    updater.step("free(table)", c -> c.store(table, 1));
    return m.build();
  }

  /** The walk cache keeps the table after its entry is cleared: the second walk uses it. */
  @Test
  void theWalkCacheOutlivesItsEntry() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        Explorer.check(walkThenFree(false)).verdict());
    assertEquals(List.of("cpu0 walk", "updater entry = NONE", "updater free(table)",
        "cpu0 walk"), labels(v));
  }

  @Test
  void aFlushBetweenClearAndFreeDropsTheCachedTable() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(walkThenFree(true)).verdict());
  }

  /**
   * Two CPUs fill {@code page} and {@code other}; the flusher runs a full flush_all or a range
   * invalidation of {@code page} only. FINAL says what the invalidation must leave empty.
   */
  private static Model fillThenInvalidate(boolean range, boolean requireOtherEmpty) {
    ModelBuilder m = Model.builder("test", "tlb", range ? "range" : "flush-all");
    Tlb tlb = Tlb.declare(m, 2);
    Var[] page = tlb.entries("page", "EMPTY", "MAPPED");
    Var[] other = tlb.entries("other", "EMPTY", "MAPPED");
    Metric dropped = m.metric("dropped", "other[] entries dropped");
    tlb.countDropped(other, dropped);
    for (int c = 0; c < 2; c++) {
      int cpu = c;
      m.thread("cpu" + c).hardware("fill", x -> {
        x.store(page[cpu], 1);
        x.store(other[cpu], 1);
      });
    }
    ThreadBuilder f = m.thread("flusher");
    if (range) {
      tlb.invalidateEach(f, c -> "tlbi range(" + c + ")", null, page);
    } else {
      tlb.flushAll(f, c -> "flush(" + c + ")", null, null);
    }
    m.finalProperty("FINAL", "entries left as required", r -> {
      for (int c = 0; c < 2; c++) {
        if (requireOtherEmpty && r.load(other[c]) != Tlb.EMPTY) {
          return "other[" + c + "] survives";
        }
      }
      return null;
    });
    return m.build();
  }

  /**
   * flush_all is one step per CPU and stops no fill: a CPU that fills after its own flush step
   * keeps its entry, so "other[] is empty at the end" fails; canonically, cpu0 fills and is
   * flushed, and cpu1 fills after flush(1). A full flush of two prefilled CPUs drops two
   * entries of other[] at most.
   */
  @Test
  void flushAllIsOneStepPerCpuAndCountsWhatItDrops() {
    CheckResult r = Explorer.check(fillThenInvalidate(false, true));
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, r.verdict());
    assertEquals(List.of("cpu0 fill", "flusher flush(0)", "flusher flush(1)", "cpu1 fill"),
        labels(v));
    assertEquals(2, r.metrics().get(0).value());
  }

  /** A range invalidation leaves other[] alone: nothing of it is ever dropped. */
  @Test
  void aRangeInvalidationDropsOnlyWhatItCovers() {
    CheckResult r = Explorer.check(fillThenInvalidate(true, false));
    assertInstanceOf(Verdict.Safe.class, r.verdict());
    assertEquals(0, r.metrics().get(0).value());
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        Explorer.check(fillThenInvalidate(true, true)).verdict());
    assertEquals("FINAL", v.property());
  }

  private static List<String> labels(Verdict.Violated v) {
    return v.trace().steps().stream()
        .map((TraceStep s) -> v.trace().threads().get(s.thread()) + " " + s.label()).toList();
  }
}
