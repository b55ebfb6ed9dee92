package tlbcheck.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.Var;

/**
 * The page-table pages a model file declares ({@code pgtable_t pt[2] = { VALID(f0),
 * VALID(f1) };}, with {@code set_page_count(pt, 3);} for its refcount), the table entries that
 * point at them (a variable of an enum whose enumerator names the page, {@code TABLE(pt)}), and
 * what the TLB keeps of walks through them, declared on the {@link Tlb} the way PROTOCOLS.md M4
 * declares stage 2's ({@code Stage2Table}):
 * <ul>
 *   <li>the pages are numbered in the order the file declares the tables, entry i of the
 *       first table of K entries being page i, of the second page K + i; a range TLBI names
 *       pages by these numbers ({@link AddressRange});</li>
 *   <li>per CPU a leaf entry {@code page<p>[c]} for each page p, holding EMPTY or the frame
 *       the entry mapped ({@code f0} of {@code VALID(f0)}), tagged with page p;</li>
 *   <li>per CPU a walk cache {@code psc_<e>[c]} for each table entry e, holding EMPTY or the
 *       table e pointed at, tagged with every page of that table.</li>
 * </ul>
 * A walk, or a {@code ptep_get}, that reads a freed table fails the file's {@code freed_walk}
 * property, or, if it names none, {@code freed-walk}: the use after free PROTOCOLS.md M3 (P3,
 * P3-read) and M4 (P4b) check.
 */
final class PageTables {
  /**
   * One declared page: its entries' enum, its first page's number, its number of entries, and
   * the refcount set_page_count starts it at (0: not counted).
   */
  record Table(PageTable page, List<String> values, int base, int entries, int count) {
    AddressRange range() {
      return AddressRange.of(base, base + entries);
    }
  }

  /** A table entry: the table it can point at, as which value, and its walk cache. */
  record Pointer(Var entry, Table table, int value, Var[] walkCache) {}

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Map<String, Where> countedAt = new LinkedHashMap<>();
  private final Map<String, Pointer> pointers = new LinkedHashMap<>();
  private final List<Var[]> leaves = new ArrayList<>();
  /** The TLB arrays declared here by name, which a condition reads as page0[1]. */
  private final Map<String, Var[]> arrays = new LinkedHashMap<>();
  private StepAssertion freedWalk;
  private int pages;

  boolean isEmpty() {
    return tables.isEmpty();
  }

  Table table(String name) {
    return tables.get(name);
  }

  /** The table entry {@code name}, or null if it points at no page-table page. */
  Pointer pointer(String name) {
    return pointers.get(name);
  }

  /** CPU c's leaf entry for page {@code page}: {@code leaf(page)[c]}. */
  Var[] leaf(int page) {
    return leaves.get(page);
  }

  /** Each leaf entry and walk cache by name. */
  Map<String, Var[]> arrays() {
    return arrays;
  }

  StepAssertion freedWalk() {
    return freedWalk;
  }

  /** {@code set_page_count(pt, n)}: pt's refcount starts at n, which no get_page raises. */
  void count(Where at, String name, int count) {
    if (counts.put(name, count) != null) {
      throw at.error("set_page_count(" + name + ", ...) is given twice");
    }
    countedAt.put(name, at);
  }

  /** {@code pgtable_t name[K] = { ... };}: the page, LIVE, its entries as the file starts them. */
  void declare(ModelBuilder m, Symbols symbols, Where at, String name,
      List<KernelCParser.ValueContext> initial, int size) {
    if (initial.size() != size) {
      throw at.error(name + " has " + size + " entries and " + initial.size() + " initial "
          + "values: give one per entry");
    }
    List<String> values = enumOf(symbols, at, initial.get(0).getText().replace(" ", ""));
    int[] start = new int[size];
    for (int i = 0; i < size; i++) {
      start[i] = values.indexOf(initial.get(i).getText().replace(" ", ""));
      if (start[i] < 0) {
        throw at.error("entry " + i + " of " + name + " starts at " + initial.get(i).getText()
            + ", which is not of the enum " + values + " its entry 0 is");
      }
    }
    int count = counts.getOrDefault(name, 0);
    PageTable page = PageTable.declare(m, name, values.toArray(String[]::new), start, count,
        count);
    tables.put(name, new Table(page, values, pages, size, count));
    pages += size;
  }

  private static List<String> enumOf(Symbols symbols, Where at, String enumerator) {
    for (List<String> values : symbols.enums.values()) {
      if (values.contains(enumerator)) {
        return values;
      }
    }
    throw at.error("a page table's entries are enumerators of one enum, and '" + enumerator
        + "' is not one");
  }

  /** The counts set for tables the file does not declare: each an error at its place. */
  void checkCounts() {
    for (String name : counts.keySet()) {
      if (!tables.containsKey(name)) {
        throw countedAt.get(name).error("set_page_count(" + name + ", ...) names no "
            + "pgtable_t");
      }
    }
  }

  /** The TLB's part: a leaf entry per page, and a walk cache per table entry of {@code vars}. */
  void declareEntries(Tlb tlb, List<String> frames, Iterable<Var> vars) {
    List<String> held = new ArrayList<>(List.of("EMPTY"));
    held.addAll(frames);
    for (Table t : tables.values()) {
      for (int i = 0; i < t.entries(); i++) {
        int page = t.base() + i;
        leaves.add(tlb.entries("page" + page, AddressRange.page(page),
            held.toArray(String[]::new)));
        arrays.put("page" + page, leaves.get(page));
      }
    }
    for (Var v : vars) {
      for (Table t : tables.values()) {
        int value = Symbols.valueIn(v.domain(), tableValue(v.domain(), t.page().name()));
        if (value >= 0 && pointers.containsKey(v.name())) {
          throw new ModelError("the table entry " + v.name() + " can point at "
              + pointers.get(v.name()).table().page().name() + " and at " + t.page().name()
              + ": a file's table entry points at one page-table page");
        }
        if (value >= 0) {
          Var[] psc = tlb.walkCache("psc_" + v.name(), t.range(), t.page().name());
          pointers.put(v.name(), new Pointer(v, t, value, psc));
          arrays.put("psc_" + v.name(), psc);
        }
      }
    }
  }

  /**
   * The property a read of a freed table fails, a walk's or software's ({@code ptep_get}): the
   * file's {@code freed_walk} ({@code declared}), or else one named {@code freed-walk}.
   */
  void failFreedReads(ModelBuilder m, StepAssertion declared) {
    freedWalk = declared != null ? declared
        : m.stepAssertion("freed-walk", "no walk or reader reads a FREED page table");
  }

  /** The enumerator of {@code d} that points at table {@code name}, such as TABLE(pt). */
  private static String tableValue(Domain d, String name) {
    for (int v = 0; v < d.size(); v++) {
      if (d.name(v).endsWith("(" + name + ")")) {
        return d.name(v);
      }
    }
    return "";
  }
}
