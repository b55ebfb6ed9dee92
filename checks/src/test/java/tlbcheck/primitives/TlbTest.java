package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
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
    Var entry = m.table("entry", Domain.of("NONE", "TABLE"), 1);
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
    Var[] page = tlb.entries("page", AddressRange.page(0), "EMPTY", "MAPPED");
    Var[] other = tlb.entries("other", AddressRange.page(1), "EMPTY", "MAPPED");
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
      tlb.tlbiRange(f, c -> "tlbi range(" + c + ")", AddressRange.page(0),
          Tlb.Scope.LAST_LEVEL, null);
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

  /**
   * One CPU fills pages 0 to 3 and its walk cache of the table over them, then a range TLBI
   * over pages 1 and 2 runs: exactly those two leaves go, the walk cache only at every level.
   */
  private static Model misalignedRange(Tlb.Scope scope) {
    ModelBuilder m = Model.builder("test", "tlb", scope.name());
    Tlb tlb = Tlb.declare(m, 1);
    Var[][] page = new Var[4][];
    for (int i = 0; i < 4; i++) {
      page[i] = tlb.entries("page" + i, AddressRange.page(i), "EMPTY", "MAPPED");
    }
    Var[] psc = tlb.walkCache("psc", AddressRange.of(0, 4), "pt");
    ThreadBuilder cpu = m.thread("cpu0").hardware("fill", c -> {
      for (Var[] p : page) {
        c.store(p[0], 1);
      }
      c.store(psc[0], 1);
    });
    tlb.tlbiRange(cpu, c -> "tlbi pages 1..2", AddressRange.of(1, 3), scope, null);
    int pscLeft = scope == Tlb.Scope.LAST_LEVEL ? 1 : Tlb.EMPTY;
    m.finalProperty("EXACT", "pages 1 and 2 dropped, 0 and 3 kept", r ->
        r.load(page[0][0]) == 1 && r.load(page[1][0]) == Tlb.EMPTY
            && r.load(page[2][0]) == Tlb.EMPTY && r.load(page[3][0]) == 1
            && r.load(psc[0]) == pscLeft ? null : "the TLBI dropped other entries");
    return m.build();
  }

  /** A range TLBI drops exactly the leaves its range overlaps; its scope decides the walk cache. */
  @Test
  void aRangeTlbiDropsExactlyWhatItsRangeCovers() {
    for (Tlb.Scope scope : Tlb.Scope.values()) {
      assertInstanceOf(Verdict.Safe.class, Explorer.check(misalignedRange(scope)).verdict(),
          scope.name());
    }
  }

  /** The TLBI's coverage is fixed when it is written, so an entry declared later is refused. */
  @Test
  void anEntryDeclaredAfterATlbiIsRefused() {
    ModelBuilder m = Model.builder("test", "tlb", "late");
    Tlb tlb = Tlb.declare(m, 1);
    tlb.tlbiRange(m.thread("cpu0"), c -> "tlbi", AddressRange.page(0), Tlb.Scope.ALL_LEVELS,
        null);
    ModelError e = assertThrows(ModelError.class,
        () -> tlb.entries("page0", AddressRange.page(0), "EMPTY", "MAPPED"));
    assertTrue(e.getMessage().contains("declared after a range TLBI"), e.getMessage());
  }

  private static List<String> labels(Verdict.Violated v) {
    return v.trace().steps().stream()
        .map((TraceStep s) -> v.trace().threads().get(s.thread()) + " " + s.label()).toList();
  }
}
