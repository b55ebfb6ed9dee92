package tlbcheck.file;

import java.util.List;
import java.util.function.IntUnaryOperator;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Reg;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.Var;

/**
 * {@code access(tlb, pmd, i)} in a model file: the thread's CPU touches page i of the table
 * the entry {@code pmd} points at, one hardware step as the MMU makes it, in the order
 * PROTOCOLS.md M4 gives a vCPU's access and {@code Stage2Table} walks:
 * <ol>
 *   <li>a hit in the CPU's leaf entry for the page uses it;</li>
 *   <li>else the walk takes the table from the CPU's walk cache, or reads pmd (caching the
 *       table if pmd points at it; any other value of pmd is a translation fault). A walk
 *       cache that still names a table after pmd changed is how a freed table gets walked;</li>
 *   <li>a freed table fails the file's freed-walk property;</li>
 *   <li>else the walk reads entry i: a value that maps a frame ({@code VALID(f0)}) fills the
 *       leaf entry with f0; any other is a translation fault.</li>
 * </ol>
 * With {@code any} for i, each run of the step chooses its page, as a guest touches any page of
 * the range (the catalogue's vCPUs do: {@code ThreadBuilder.hardwareChoice}); its label names
 * the page chosen. With a register, {@code r = access(tlb, pmd, i)} sets r to the frame used
 * (k for the k-th frame the file names, from 1), or 0 for a fault. The walk's reads of pmd and
 * of the table are the MMU's ({@code Ctx.walk}): under arm64 they may read what the CPU's own
 * program order has not seen overwritten.
 */
final class TableWalk {
  private TableWalk() {
  }

  static void access(Scope scope, KernelCParser.CallContext call, String label, Reg r) {
    List<KernelCParser.ExprContext> args = call.expr();
    Tlb tlb = scope.symbols().tlb;
    scope.tlbArray(TlbSteps.name(scope, args.get(0)));
    PageTables.Pointer pmd = scope.tableEntry(TlbSteps.name(scope, args.get(1)));
    PageTables.Table table = pmd.table();
    int cpu = scope.cpu();
    if (cpu >= tlb.cpus()) {
      throw scope.where(call).error(scope.thread().name() + " runs on CPU " + cpu + ", and "
          + "the TLB has CPUs 0.." + (tlb.cpus() - 1) + ": name the thread name(c) for its "
          + "CPU c");
    }
    Var[] leaves = new Var[table.entries()];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = scope.symbols().pageTables.leaf(table.base() + i)[cpu];
    }
    int[] fills = fills(table.values(), leaves[0].domain());
    int value = pmd.value();
    Walk walk = new Walk(tlb, pmd, v -> v == value ? 0 : -1, cpu, leaves, fills,
        scope.symbols().pageTables.freedWalk(), scope.thread().name(), r);
    KernelCParser.ExprContext page = args.get(2);
    if (page instanceof KernelCParser.NameContext n && n.getText().equals(ANY)
        && scope.constant(ANY) == null && scope.registerOrNull(ANY) == null) {
      scope.thread().hardwareChoice(leaves.length,
          i -> label.replaceAll("\\b" + ANY + "\\b", String.valueOf(i)), walk::run);
      return;
    }
    int i = PageTableSteps.constant(scope, page, "the page of a table walk");
    if (i >= table.entries()) {
      throw scope.where(page).error(table.page().name() + " maps pages 0.."
          + (table.entries() - 1) + " of its own, not " + i);
    }
    scope.thread().hardware(label, c -> walk.run(c, i));
  }

  /** The third argument that lets each run of the step choose its page: {@code any}. */
  private static final String ANY = "any";

  /** One CPU's walk through one table entry, for page i of the table. */
  private record Walk(Tlb tlb, PageTables.Pointer pmd, IntUnaryOperator tableOf, int cpu,
      Var[] leaves, int[] fills, StepAssertion freed, String who, Reg r) {
    void run(Ctx c, int i) {
      Var leaf = leaves[i];
      PageTable pt = pmd.table().page();
      int used = c.load(leaf);
      if (used == Tlb.EMPTY) {
        if (tlb.walkTable(c, pmd.walkCache(), cpu, pmd.entry(), tableOf) >= 0) {
          if (pt.freed(c)) {
            c.fail(freed, who + " walks " + pt.name() + " after it was freed");
          } else {
            used = fills[pt.walkEntry(c, i, leaf)];
            if (used != Tlb.EMPTY) {
              c.store(leaf, used);
            }
          }
        }
      }
      if (r != null) {
        c.set(r, used);
      }
    }
  }

  /** For each value of a table's entries, the leaf its walk fills: f of X(f), else EMPTY. */
  static int[] fills(List<String> values, Domain leaf) {
    int[] fills = new int[values.size()];
    for (int v = 0; v < fills.length; v++) {
      String value = values.get(v);
      int open = value.indexOf('(');
      fills[v] = open < 0 ? Tlb.EMPTY
          : Math.max(Tlb.EMPTY, Symbols.valueIn(leaf, value.substring(open + 1,
              value.length() - 1)));
    }
    return fills;
  }
}
