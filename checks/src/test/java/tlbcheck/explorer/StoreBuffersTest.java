package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * x86's store buffers on their own: a thread reads its own buffered store before any other
 * thread can, a locked read-modify-write waits for the buffer, and a buffer bounded by the
 * program's storing steps is refused, with the reason, when a backward jump overflows it.
 */
class StoreBuffersTest {
  private static final SearchConfig X86 = SearchConfig.defaults().withMemory(MemoryModel.X86);

  /**
   * The writer stores x = 1 and reads x back; the reader reads x. Under x86 the writer's read
   * comes from its buffer, so it always sees 1, while the reader may still see 0 after it:
   * exactly the final states (writer 1, reader 0 or 1).
   */
  private static Model ownStoreFirst(Order write) {
    ModelBuilder m = Model.builder("test", "forwarding", "race");
    Var x = m.var("x", Domain.bool(), 0);
    ThreadBuilder w = m.thread("writer");
    Reg mine = w.reg("mine", Domain.bool(), 0);
    w.step("x = 1", write, c -> c.store(x, 1));
    w.step("mine = x", c -> c.set(mine, c.load(x)));
    m.thread("reader").step("x == 1 ?", c -> c.load(x));
    m.finalProperty("OWN", "the writer reads its own store", r -> r.get(mine) == 1 ? null
        : "the writer read 0 after storing 1");
    return m.build();
  }

  @Test
  void aThreadReadsItsOwnBufferedStore() {
    for (Order o : new Order[] {Order.PLAIN, Order.RMW_FULL}) {
      assertEquals("safe", Explorer.check(ownStoreFirst(o), X86).verdict().label(), o.name());
    }
  }

  /**
   * A thread that stores three times with nothing to drain its buffer needs room for three
   * entries, more than a search starts with ({@link StoreBuffers#FIRST_CAPACITY}): the search
   * starts again with more room and finds every state, those of (stores made i, stores in
   * memory j) for 0 <= j <= i <= 3, ten, the last with all three in memory.
   */
  @Test
  void aFullBufferStartsTheSearchAgainWithMoreRoom() {
    ModelBuilder m = Model.builder("test", "three-stores", "race");
    Var x = m.var("x", Domain.bool(), 0);
    Var y = m.var("y", Domain.bool(), 0);
    Var z = m.var("z", Domain.bool(), 0);
    ThreadBuilder t = m.thread("writer");
    for (Var v : new Var[] {x, y, z}) {
      t.step(v.name() + " = 1", c -> c.store(v, 1));
    }
    m.finalProperty("ALL", "every store reaches memory", r -> r.load(x) + r.load(y)
        + r.load(z) == 3 ? null : "a store never reached memory");
    assertTrue(StoreBuffers.FIRST_CAPACITY < 3);
    var r = Explorer.check(m.build(), X86);
    assertEquals("safe", r.verdict().label());
    assertEquals(10, r.stats().states());
  }

  /**
   * A loop that stores three times before it can drain overflows a buffer sized by the
   * program's one storing step: a model error that says why, never a silent bound.
   */
  @Test
  void aBackwardJumpThatOverflowsTheBufferIsAModelError() {
    ModelBuilder m = Model.builder("test", "loop", "race");
    Var x = m.var("x", Domain.range(3), 0);
    ThreadBuilder t = m.thread("looper");
    Reg i = t.reg("i", Domain.range(3), 0);
    Label top = t.label();
    t.place(top);
    t.step("x = i; i++; if (i < 3) goto top", c -> {
      c.store(x, c.get(i));
      c.set(i, c.get(i) + 1);
      if (c.get(i) < 3) {
        c.jump(top);
      }
    });
    m.finalProperty("DONE", "x ends at 2", r -> r.load(x) == 2 ? null : "x is " + r.load(x));
    Model model = m.build();
    assertEquals("safe", Explorer.check(model).verdict().label());
    ModelError e = assertThrows(ModelError.class, () -> Explorer.check(model, X86));
    assertTrue(e.getMessage().contains("the store buffer of thread looper is full"),
        e.getMessage());
  }
}
