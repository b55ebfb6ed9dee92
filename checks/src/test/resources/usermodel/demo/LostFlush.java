package demo;

import java.util.List;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * A user's own model, compiled against the model module alone: S1's lost flush cut to its core.
 * The zapper marks a flush pending, then zaps, under mmu_lock; the flusher clears the mark and
 * flushes; the guest fills its TLB from the PTE; the freer waits for the zap, flushes if the
 * mark is set, and frees the page. In "clear-first" the flusher runs without the lock: it can
 * clear the mark between the zapper's mark and zap, flush, and let the guest refill from the PTE
 * not yet zapped, so the freer sees no mark and frees a page the TLB maps. In "locked" the
 * flusher's clear and flush are one critical section. "broken" writes two shared variables in
 * one software step, which the checker refuses.
 */
public final class LostFlush extends Protocol {
  public LostFlush() {
    super("lost", "a user's lost flush", List.of("race"), List.of(
        Variant.of("clear-first", "the flusher clears the mark without the lock",
            Expectation.violation("P1", "the clear and flush fall between mark and zap")),
        Variant.of("locked", "the flusher clears and flushes under mmu_lock",
            Expectation.safe("the clear and its flush cannot fall between mark and zap")),
        Variant.of("broken", "two stores in one step", Expectation.safe("never checked"))));
  }

  @Override
  public List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT);
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    ModelBuilder m = Model.builder("lost", variant, scenario);
    Var pte = m.var("pte", Domain.of("NONPRESENT", "PRESENT"), 1);
    Var pending = m.var("pending", Domain.bool(), 0);
    Var tlb = m.var("tlb", Domain.of("EMPTY", "PAGE"), 0);
    Var page = m.var("page", Domain.of("IN_USE", "FREED"), 0);
    Spinlock lock = Spinlock.declare(m, "mmu_lock");
    boolean locked = variant.equals("locked");
    ThreadBuilder zapper = m.thread("zapper");
    zapper.then(lock.lock());
    if (variant.equals("broken")) {
      zapper.step("pending = true; pte = NONPRESENT", c -> {
        c.store(pending, 1);
        c.store(pte, 0);
      });
    } else {
      zapper.step("pending = true", c -> c.store(pending, 1))
          .step("pte = NONPRESENT", c -> c.store(pte, 0));
    }
    zapper.then(lock.unlock());
    ThreadBuilder flusher = m.thread("flusher");
    if (locked) {
      flusher.then(lock.lock());
    }
    flusher.step("pending = false", c -> c.store(pending, 0))
        .hardware("flush(tlb)", c -> c.store(tlb, 0));
    if (locked) {
      flusher.then(lock.unlock());
    }
    m.thread("guest").hardware("walk: tlb = pte", c -> {
      if (c.load(pte) == 1) {
        c.store(tlb, 1);
      }
    });
    ThreadBuilder freer = m.thread("freer");
    Reg flush = freer.reg("flush", Domain.bool(), 0);
    freer.await("wait for the zap", c -> c.load(pte) == 0, c -> { })
        .then(lock.lock())
        .step("flush = pending", c -> c.set(flush, c.load(pending)))
        .then(lock.unlock())
        .hardware("if (flush) flush(tlb)", c -> {
          if (c.get(flush) == 1) {
            c.store(tlb, 0);
          }
        })
        .step("free(page)", c -> c.store(page, 1));
    m.invariant("P1", "no TLB maps a freed page",
        r -> r.load(tlb) == 1 && r.load(page) == 1 ? "the TLB maps the freed page" : null);
    return m.build();
  }
}
