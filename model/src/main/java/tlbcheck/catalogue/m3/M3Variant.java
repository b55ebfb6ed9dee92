package tlbcheck.catalogue.m3;

import java.util.List;
import tlbcheck.model.Expectation;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Variant;

/**
 * A variant of M3 as its patch: where the zapper flushes and queues each removed table's
 * call_rcu, per table and after the loop, relative to rcu_read_unlock(); and its expected
 * verdicts. Each record is one variant's whole change (STYLE.md 13).
 */
sealed interface M3Variant {
  /** Every variant, in catalogue order. */
  List<M3Variant> ALL = List.of(new FlushPerRemoval(), new Batched(), new FlushBeforeUnlock(),
      new UnlockBeforeFlush(), new NoFlush());

  Expectation ONE_FLUSH_FIRST = Expectation.safe("one flush_all, before rcu_read_unlock, so "
      + "before any grace period can end");

  Variant variant();

  /** What the zapper does with removed table {@code j}, once its entries are REMOVED. */
  void removed(ZapModel m, ThreadBuilder z, int j);

  /** What the zapper does after the loop, rcu_read_unlock() included. */
  void afterLoop(ZapModel m, ThreadBuilder z);

  /** flush_all and call_rcu for each removed table. */
  record FlushPerRemoval() implements M3Variant {
    public Variant variant() {
      return Variant.of("flush-per-removal", "flush_all and call_rcu for each removed table",
          Expectation.safe("every table's walk-cache entries are flushed before its call_rcu; "
              + "P flushes"));
    }

    public void removed(ZapModel m, ThreadBuilder z, int j) {
      m.flushAll(z);
      m.callRcu(z, j);
    }

    public void afterLoop(ZapModel m, ThreadBuilder z) {
      m.unlock(z);
    }
  }

  /** Ben's RFC (S2): queue the removed tables; after the loop one flush_all, then call_rcu. */
  record Batched() implements M3Variant {
    public Variant variant() {
      return Variant.of("batched", "Ben's RFC: queue each removed table; after the loop "
          + "flush_all, then call_rcu for each", ONE_FLUSH_FIRST);
    }

    public void removed(ZapModel m, ThreadBuilder z, int j) {
      z.step("list_add(pt" + j + ", &invalidated)", c -> { });
    }

    public void afterLoop(ZapModel m, ThreadBuilder z) {
      m.flushAll(z);
      for (int j = 0; j < m.tables(); j++) {
        m.callRcu(z, j);
      }
      m.unlock(z);
    }
  }

  /** Sean's answer (S2): call_rcu per table, one flush_all before rcu_read_unlock(). */
  record FlushBeforeUnlock() implements M3Variant {
    public Variant variant() {
      return Variant.of("flush-before-unlock", "Sean: call_rcu for each table; flush_all "
          + "before rcu_read_unlock", ONE_FLUSH_FIRST);
    }

    public void removed(ZapModel m, ThreadBuilder z, int j) {
      m.callRcu(z, j);
    }

    public void afterLoop(ZapModel m, ThreadBuilder z) {
      m.flushAll(z);
      m.unlock(z);
    }
  }

  /** The flush after rcu_read_unlock(): a grace period can end before it. */
  record UnlockBeforeFlush() implements M3Variant {
    public Variant variant() {
      return Variant.of("unlock-before-flush", "call_rcu for each table; rcu_read_unlock, "
          + "then flush_all", Expectation.violation("P3", "the grace period ends at "
              + "rcu_read_unlock, before the flush: the table is freed while a vCPU's walk "
              + "cache still points at it"));
    }

    public void removed(ZapModel m, ThreadBuilder z, int j) {
      m.callRcu(z, j);
    }

    public void afterLoop(ZapModel m, ThreadBuilder z) {
      m.unlock(z);
      m.flushAll(z);
    }
  }

  /** No flush at all. */
  record NoFlush() implements M3Variant {
    public Variant variant() {
      return Variant.of("no-flush", "call_rcu for each table and no flush",
          Expectation.violation("P3", "nothing drops the vCPUs' walk caches"));
    }

    public void removed(ZapModel m, ThreadBuilder z, int j) {
      m.callRcu(z, j);
    }

    public void afterLoop(ZapModel m, ThreadBuilder z) {
      m.unlock(z);
    }
  }
}
