package tlbcheck.kernel;

import java.util.Arrays;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Reader;
import tlbcheck.model.Var;

/**
 * A page-table page (PROTOCOLS.md M3, M4): its entries, the page's refcount where the model
 * counts one (arm64 stage 2 keeps one reference for the table entry pointing at the page plus
 * one per valid entry, and frees the page when put_page drops the last), and whether it has been
 * freed. Walks that read a freed page are what M3 and M4 look for.
 *
 * <p>The page is one shared variable, as it is one page of memory: writing an entry, a put_page
 * and the free are each one step on it, and a walk reads an entry and sees whether the page is
 * still a page table in the same read. Traces print its value as {@code LIVE ref=3 [VALID,
 * VALID]}.
 */
public final class PageTable {
  private static final int LIVE = 0;
  private static final int FREED = 1;

  private final Var var;
  private final int entries;
  private final int entryValues;
  private final int maxRef;

  private PageTable(Var var, int entries, int entryValues, int maxRef) {
    this.var = var;
    this.entries = entries;
    this.entryValues = entryValues;
    this.maxRef = maxRef;
  }

  /**
   * A page-table page {@code name} of {@code entries} entries, each starting at {@code
   * initialEntry} of {@code values}, LIVE, with a refcount starting at {@code initialRef} and at
   * most {@code maxRef} (0 for a page whose references the model does not count).
   */
  public static PageTable declare(ModelBuilder m, String name, int entries, String[] values,
      int initialEntry, int initialRef, int maxRef) {
    int[] initial = new int[entries];
    Arrays.fill(initial, initialEntry);
    return declare(m, name, values, initial, initialRef, maxRef);
  }

  /**
   * A page-table page whose entries start at different values: entry i at {@code
   * initialEntries[i]} of {@code values} (a table half mapped, a huge page's neighbours).
   */
  public static PageTable declare(ModelBuilder m, String name, String[] values,
      int[] initialEntries, int initialRef, int maxRef) {
    int entries = initialEntries.length;
    for (int e : initialEntries) {
      if (e < 0 || e >= values.length) {
        throw new ModelError(m.where() + ": page table " + name + " starts an entry at " + e
            + ", outside its " + values.length + " values");
      }
    }
    int combos = 1;
    for (int i = 0; i < entries; i++) {
      combos *= values.length;
    }
    int size = 2 * (maxRef + 1) * combos;
    if (entries < 1 || size > Domain.MAX_SIZE || initialRef < 0 || initialRef > maxRef) {
      throw new ModelError(m.where() + ": page table " + name + " of " + entries + " entries "
          + "of " + values.length + " values with refcount 0.." + maxRef + " starting at "
          + initialRef + " cannot be declared (at most " + Domain.MAX_SIZE + " states)");
    }
    String[] names = new String[size];
    for (int v = 0; v < size; v++) {
      StringBuilder sb = new StringBuilder(v / ((maxRef + 1) * combos) == LIVE ? "LIVE" : "FREED");
      if (maxRef > 0) {
        sb.append(" ref=").append(v / combos % (maxRef + 1));
      }
      sb.append(" [");
      for (int i = 0, e = v % combos; i < entries; i++, e /= values.length) {
        sb.append(i > 0 ? "," : "").append(values[e % values.length]);
      }
      names[v] = sb.append(']').toString();
    }
    int initial = initialRef * combos;
    for (int i = 0, scale = 1; i < entries; i++, scale *= values.length) {
      initial += initialEntries[i] * scale;
    }
    return new PageTable(m.table(name, Domain.of(names), initial), entries, values.length,
        maxRef);
  }

  public Var var() {
    return var;
  }

  public String name() {
    return var.name();
  }

  /** Entry {@code i} in the state {@code r} reads. */
  public int entry(Reader r, int i) {
    return r.load(var) / scale(i) % entryValues;
  }

  /**
   * Entry i as a page-table walk reads it, to fill the TLB entry {@code tlb} ({@link
   * Ctx#walk}).
   */
  public int walkEntry(Ctx c, int i, Var tlb) {
    return c.walk(var, tlb) / scale(i) % entryValues;
  }

  public boolean freed(Reader r) {
    return r.load(var) / (combos() * (maxRef + 1)) == FREED;
  }

  /** The page's refcount (page_count()). */
  public int ref(Reader r) {
    return r.load(var) / combos() % (maxRef + 1);
  }

  /** Writes entry {@code i} (one step: a store to one word of the page). */
  public void setEntry(Ctx c, int i, int value) {
    int v = c.load(var);
    c.store(var, v + (value - v / scale(i) % entryValues) * scale(i));
  }

  /** put_page: drops one reference; returns whether it was the last. */
  public boolean put(Ctx c) {
    int v = c.load(var);
    int ref = v / combos() % (maxRef + 1);
    if (ref == 0) {
      throw ModelError.inStep("put_page(" + name() + ") drops its refcount below 0");
    }
    c.store(var, v - combos());
    return ref == 1;
  }

  /** Frees the page: from now on it is not a page table, and reading it is a use after free. */
  public void free(Ctx c) {
    int v = c.load(var);
    if (v / (combos() * (maxRef + 1)) == FREED) {
      throw ModelError.inStep(name() + " is freed twice");
    }
    c.store(var, v + combos() * (maxRef + 1));
  }

  private int combos() {
    return scale(entries);
  }

  private int scale(int i) {
    int s = 1;
    for (int k = 0; k < i; k++) {
      s *= entryValues;
    }
    return s;
  }
}
