package tlbcheck.file;

import java.util.List;
import java.util.Set;
import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * The TLB's hardware steps in a model file (PROTOCOLS.md "Conventions"), each atomic as the
 * hardware makes it:
 * <ul>
 *   <li>{@code access(tlb, pte)}: the thread's CPU touches the page {@code pte} maps. An entry
 *       in its TLB is used as it is; an empty one is filled by a walk of {@code pte}, whose
 *       value {@code PRESENT(f)} maps frame f and whose other values fault, changing nothing.
 *   <li>{@code flush(c)}: CPU c's TLB emptied, one step.
 *   <li>{@code flush_all()}: flush(0) ... flush(N-1), N steps, which other threads may run
 *       between, as kvm_flush_remote_tlbs() makes them.
 *   <li>{@code access(tlb, pmd, i)}: a walk through the table entry pmd to entry i of the
 *       page-table page it points at ({@link TableWalk}).
 *   <li>{@code tlbi_range(first, pages)}: arm64's TLBI by range at every level (TLBI
 *       RIPAS2E1IS), one step per CPU as tlbi_all, dropping exactly the entries of pages
 *       first..first+pages-1 and the walk caches of the tables that translate one of them
 *       ({@link PageTables} numbers the pages). {@code tlbi_range_last_level(first, pages)} is
 *       TLBI RIPAS2LE1IS, the last-level form (the kernel's last_level hint): it drops the leaf
 *       entries alone and leaves every walk cache.
 *   <li>{@code tlbi_all()}: arm64's broadcast TLBI (TLBI VMALLE1IS, or VAAE1IS of the one page
 *       a file maps), tlbi(0) ... tlbi(N-1), N steps; under arm64 each completes in its own
 *       time, by the issuing CPU's next {@code dsb(ish)} at the latest.
 * </ul>
 */
final class TlbSteps {
  private static final Set<String> NAMES = Set.of("access", "flush", "flush_all",
      "tlbi_all", "tlbi_range", "tlbi_range_last_level");

  private TlbSteps() {
  }

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  static void write(Scope scope, KernelCParser.CallContext call, String label) {
    String name = call.IDENT().getText();
    Tlb tlb = scope.symbols().tlb;
    if (tlb == null) {
      throw scope.where(call).error(name + " needs a TLB: declare one in the initial block "
          + "(tlb_t tlb[N];)");
    }
    List<KernelCParser.ExprContext> args = call.expr();
    ThreadBuilder t = scope.thread();
    switch (name) {
      case "flush_all" -> {
        arity(scope, call, 0, "flush_all()");
        tlb.flushAll(t, cpu -> "flush(" + cpu + ")", null, null);
      }
      case "tlbi_all" -> {
        arity(scope, call, 0, "tlbi_all()");
        tlb.tlbiAll(t, cpu -> "tlbi(" + cpu + ")", null, null);
      }
      case "tlbi_range", "tlbi_range_last_level" -> {
        arity(scope, call, 2, name + "(first_page, pages)");
        int first = PageTableSteps.constant(scope, args.get(0), "tlbi_range's first page");
        int pages = PageTableSteps.constant(scope, args.get(1), "tlbi_range's page count");
        if (pages == 0) {
          throw scope.where(call).error("tlbi_range of 0 pages invalidates nothing");
        }
        tlb.tlbiRange(t, cpu -> label + ": cpu" + cpu, AddressRange.of(first, first + pages),
            name.equals("tlbi_range") ? Tlb.Scope.ALL_LEVELS : Tlb.Scope.LAST_LEVEL, null);
      }
      case "flush" -> {
        arity(scope, call, 1, "flush(cpu)");
        int cpu = cpu(scope, args.get(0), tlb);
        tlb.flushLocal(t, label, cpu);
      }
      default -> access(scope, call, label, null);
    }
  }

  /**
   * {@code access(tlb, pte)}; with a register r, {@code r = access(tlb, pte)} also sets r to
   * the translation the access used: 0 for a fault, k for the k-th frame the file names (in
   * the order its enumerators name them, from 1), as a litmus test reads x through it.
   */
  static void access(Scope scope, KernelCParser.CallContext call, String label, Reg r) {
    Tlb tlb = scope.symbols().tlb;
    if (tlb == null) {
      throw scope.where(call).error("access needs a TLB: declare one in the initial block "
          + "(tlb_t tlb[N];)");
    }
    List<KernelCParser.ExprContext> args = call.expr();
    if (args.size() == 3) {
      TableWalk.access(scope, call, label, r);
      return;
    }
    arity(scope, call, 2, "access(tlb, pte) or access(tlb, pmd, i)");
    Var[] entries = scope.tlbArray(name(scope, args.get(0)));
    Var pte = scope.location(name(scope, args.get(1)));
    int cpu = scope.cpu();
    if (cpu >= tlb.cpus()) {
      throw scope.where(call).error(scope.thread().name() + " runs on CPU " + cpu + ", and the "
          + "TLB has CPUs 0.." + (tlb.cpus() - 1) + ": name the thread name(c) for its CPU c");
    }
    int[] fills = fills(pte.domain(), entries[cpu].domain());
    Var entry = entries[cpu];
    scope.thread().hardware(label, c -> {
      int used = c.load(entry);
      if (used == Tlb.EMPTY) {
        used = fills[c.walk(pte, entry)];
        if (used != Tlb.EMPTY) {
          c.store(entry, used);
        }
      }
      if (r != null) {
        c.set(r, used);
      }
    });
  }

  /** For each value of a pte, the TLB entry its walk fills: the frame of X(f), else EMPTY. */
  private static int[] fills(Domain pte, Domain entry) {
    List<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < pte.size(); v++) {
      values.add(pte.name(v));
    }
    return TableWalk.fills(values, entry);
  }

  private static int cpu(Scope scope, KernelCParser.ExprContext e, Tlb tlb) {
    int cpu = PageTableSteps.constant(scope, e, "flush's CPU");
    if (cpu >= tlb.cpus()) {
      throw scope.where(e).error("there is no CPU " + cpu + ": the TLB has CPUs 0.."
          + (tlb.cpus() - 1));
    }
    return cpu;
  }

  static org.antlr.v4.runtime.Token name(Scope scope, KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.NameContext n) {
      return n.IDENT().getSymbol();
    }
    throw scope.where(e).error("'" + Scope.text(e) + "' is not a shared variable's name");
  }

  static void arity(Scope scope, KernelCParser.CallContext call, int n, String form) {
    if (call.expr().size() != n) {
      throw scope.where(call).error("the form is " + form);
    }
  }
}
