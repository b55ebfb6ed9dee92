package tlbcheck.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.Var;

/**
 * The shared state a model file declares, in the order it declares it: first what the initial
 * block declares with a type ({@code enum spte_t spte = PRESENT(f);}, {@code bool dirty;},
 * {@code spinlock_t mmu_lock;}, {@code tlb_t tlb[2];}), then the threads' other parameters in
 * the order the threads name them, each an int unless its type says a lock. A trace's state line
 * lists the variables in this order.
 *
 * <p>Types: an int ranges over 0..M (the file's largest value), a {@code bool} over false and
 * true, an {@code enum} over its enumerators; {@code tlb_t name[N]} is a per-CPU TLB of N CPUs
 * whose entries hold EMPTY or a frame, the frames being the arguments of the file's enumerators
 * ({@code f} of {@code PRESENT(f)}); {@code pgtable_t pt[K] = { ... };} is a page-table page,
 * whose TLB entries per page and walk caches {@link PageTables} declares after the rest.
 */
final class Declarations {
  private record Decl(String type, int size, KernelCParser.ValueContext initial, Where where) {}

  private final String file;
  private final Symbols symbols;
  private final Map<String, Decl> shared = new LinkedHashMap<>();
  private final Map<String, KernelCParser.PgtableDeclContext> pgtables = new LinkedHashMap<>();

  Declarations(String file, Symbols symbols) {
    this.file = file;
    this.symbols = symbols;
  }

  void declare(ModelBuilder m, KernelCParser.FileContext tree) {
    PageTables tables = symbols.pageTables;
    for (KernelCParser.InitItemContext item : tree.init().initItem()) {
      if (item instanceof KernelCParser.PgtableDeclContext p) {
        pgtables.put(p.IDENT().getText(), p);
      } else if (item instanceof KernelCParser.PageCountContext c) {
        tables.count(Where.of(file, c), c.IDENT().getText(),
            Scope.literal(Where.of(file, c), c.count.getText()));
      }
    }
    readEnums(tree);
    for (KernelCParser.InitItemContext item : tree.init().initItem()) {
      if (item instanceof KernelCParser.PgtableDeclContext p) {
        put(p.IDENT().getText(), "pgtable_t", Scope.literal(Where.of(file, p),
            p.size.getText()), null, Where.of(file, p));
      } else if (item instanceof KernelCParser.InitDeclContext d) {
        put(d.IDENT().getText(), Scope.text(d.typeName()), d.size == null ? 0
            : Scope.literal(Where.of(file, d), d.size.getText()), null, Where.of(file, d));
      } else if (item instanceof KernelCParser.InitValueContext v) {
        initValue(v);
      }
    }
    for (KernelCParser.ThreadContext t : tree.thread()) {
      for (KernelCParser.ParamContext p : t.param()) {
        String id = p.IDENT().getText();
        String kind = kind(Scope.text(p.typeName()));
        Decl before = shared.get(id);
        if (before == null) {
          put(id, kind, 0, null, Where.of(file, p));
        } else if ((isLock(kind) || isLock(kind(before.type())))
            && !kind.equals(kind(before.type()))) {
          throw Where.of(file, p).error("'" + id + "' is declared as " + kind + " here and as "
              + kind(before.type()) + " before");
        }
      }
    }
    shared.forEach((id, d) -> declare(m, id, d, tree.thread().size()));
    tables.checkCounts();
    StepAssertion freedWalk = freedWalk(m, tree);
    if (!tables.isEmpty()) {
      tables.failFreedReads(m, freedWalk);
    }
    if (symbols.tlb != null && !tables.isEmpty()) {
      tables.declareEntries(symbols.tlb, symbols.frames, symbols.vars());
      tables.arrays().forEach(symbols::addTlb);
    }
  }

  /** The file's {@code freed_walk NAME "text"}, or null. */
  private StepAssertion freedWalk(ModelBuilder m, KernelCParser.FileContext tree) {
    StepAssertion found = null;
    for (KernelCParser.ClauseContext c : tree.clause()) {
      if (c instanceof KernelCParser.FreedWalkContext f) {
        if (found != null) {
          throw Where.of(file, f).error("a file names its freed_walk property once");
        }
        if (symbols.pageTables.isEmpty()) {
          throw Where.of(file, f).error("freed_walk is a property of reads of a pgtable_t, and "
              + "the file declares none");
        }
        String text = f.STRING().getText();
        found = m.stepAssertion(f.IDENT().getText(), text.substring(1, text.length() - 1));
      }
    }
    return found;
  }

  private void initValue(KernelCParser.InitValueContext v) {
    Where at = Where.of(file, v);
    String id = v.target().IDENT().getText();
    if (v.target().proc != null) {
      if (v.value().INT() == null || v.value().getText().startsWith("-")) {
        throw at.error("a register starts at a value of 0 or more, not " + v.value().getText());
      }
      symbols.initial.put(Scope.literal(at, v.target().proc.getText()) + ":" + id,
          Scope.literal(at, v.value().INT().getText()));
      return;
    }
    String type = v.typeName() == null ? "int" : Scope.text(v.typeName());
    Decl before = shared.get(id);
    put(id, before == null ? type : before.type(), before == null ? 0 : before.size(),
        v.value(), at);
  }

  private void put(String id, String type, int size, KernelCParser.ValueContext initial,
      Where at) {
    shared.put(id, new Decl(type, size, initial, at));
  }

  private void readEnums(KernelCParser.FileContext tree) {
    for (KernelCParser.InitItemContext item : tree.init().initItem()) {
      if (!(item instanceof KernelCParser.EnumDeclContext e)) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (KernelCParser.EnumeratorContext en : e.enumerator()) {
        String name = Scope.text(en).replace(" ", "");
        if (symbols.enumerators.putIfAbsent(name, names.size()) != null) {
          throw Where.of(file, en).error("the enumerator " + name + " is declared twice");
        }
        names.add(name);
        if (en.IDENT().size() == 2 && !symbols.frames.contains(en.IDENT(1).getText())
            && !pgtables.containsKey(en.IDENT(1).getText())) {
          symbols.frames.add(en.IDENT(1).getText());
        }
      }
      symbols.enums.put(e.IDENT().getText(), names);
    }
  }

  /** The kind a parameter's type gives: a lock, a TLB, an enum, a bool, or an int. */
  private static String kind(String type) {
    for (String k : List.of("spinlock_t", "rwlock_t", "tlb_t", "pgtable_t", "bool")) {
      if (type.contains(k)) {
        return k;
      }
    }
    return type.startsWith("enum ") ? type : "int";
  }

  private static boolean isLock(String kind) {
    return kind.endsWith("lock_t") || kind.equals("tlb_t") || kind.equals("pgtable_t");
  }

  private void declare(ModelBuilder m, String id, Decl d, int threads) {
    String kind = kind(d.type());
    switch (kind) {
      case "spinlock_t" -> symbols.addLock(id, Spinlock.declare(m, id));
      case "rwlock_t" -> symbols.addRwLock(id, RwLock.declare(m, id, threads, threads));
      case "tlb_t" -> symbols.addTlb(id, tlb(m, id, d));
      case "pgtable_t" -> {
        KernelCParser.PgtableDeclContext p = pgtables.get(id);
        if (p == null) {
          throw d.where().error(id + " is a pgtable_t the initial block does not declare: "
              + "pgtable_t " + id + "[K] = { ... };");
        }
        symbols.pageTables.declare(m, symbols, d.where(), id, p.value(), d.size());
      }
      default -> {
        Domain domain = domainOf(d.where(), kind);
        int initial = d.initial() == null ? 0 : valueOf(d.where(), d.initial(), domain);
        // An entry whose enum maps a frame (PRESENT(f)) is a translation-table entry, which
        // walks read as the MMU does.
        boolean table = false;
        for (int v = 0; v < domain.size(); v++) {
          table |= domain.name(v).contains("(");
        }
        symbols.addVar(table ? m.table(id, domain, initial) : m.var(id, domain, initial));
      }
    }
  }

  private Var[] tlb(ModelBuilder m, String id, Decl d) {
    if (d.size() == 0) {
      throw d.where().error("a TLB is an array with an entry per CPU: tlb_t " + id + "[N];");
    }
    if (symbols.frames.isEmpty()) {
      throw d.where().error("a TLB holds frames, and no enumerator names one: declare the "
          + "entries it walks as enum { NONPRESENT, PRESENT(f) }");
    }
    if (symbols.tlb == null) {
      symbols.tlb = Tlb.declare(m, d.size());
    } else if (symbols.tlb.cpus() != d.size()) {
      throw d.where().error("every TLB has one entry per CPU: " + id + " has " + d.size()
          + ", an earlier one " + symbols.tlb.cpus());
    }
    if (!pgtables.isEmpty() && !mapsFrames()) {
      // Every frame is mapped through a page table, whose TLB entries are per page.
      return new Var[0];
    }
    List<String> values = new ArrayList<>(List.of("EMPTY"));
    values.addAll(symbols.frames);
    return symbols.tlb.entries(id, values.toArray(String[]::new));
  }

  /** Whether a variable outside the page tables maps a frame ({@code PRESENT(f)}). */
  private boolean mapsFrames() {
    for (Decl d : shared.values()) {
      String kind = kind(d.type());
      List<String> names = kind.startsWith("enum ")
          ? symbols.enums.getOrDefault(kind.substring(5).trim(), List.of()) : List.of();
      for (String name : names) {
        int open = name.indexOf('(');
        if (open > 0 && symbols.frames.contains(name.substring(open + 1, name.length() - 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The domain of a variable or register of type {@code type}. */
  Domain domainOf(Where at, String type) {
    String kind = kind(type);
    if (kind.equals("bool")) {
      return Domain.bool();
    }
    if (kind.startsWith("enum ")) {
      List<String> names = symbols.enums.get(kind.substring(5).trim());
      if (names == null) {
        throw at.error("unknown type '" + kind + "': declare it in the initial block");
      }
      return Domain.of(names.toArray(String[]::new));
    }
    if (isLock(kind)) {
      throw at.error("a " + kind + " is shared: it is a thread's parameter, not a register");
    }
    return symbols.domain();
  }

  /** An initial value: a number, true or false, or one of the domain's enumerators. */
  static int valueOf(Where at, KernelCParser.ValueContext v, Domain domain) {
    if (v.INT() != null) {
      if (v.getText().startsWith("-")) {
        throw at.error("values are 0 or more; " + v.getText() + " is negative");
      }
      int value = Scope.literal(at, v.INT().getText());
      if (!domain.contains(value)) {
        throw at.error(v.getText() + " is not a value of " + domain);
      }
      return value;
    }
    int value = Symbols.valueIn(domain, v.getText().replace(" ", ""));
    if (value < 0) {
      throw at.error("'" + v.getText() + "' is not a value of " + domain);
    }
    return value;
  }
}
