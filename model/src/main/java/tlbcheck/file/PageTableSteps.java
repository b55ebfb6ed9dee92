package tlbcheck.file;

import java.util.List;
import java.util.Set;
import tlbcheck.file.Exprs.Access;
import tlbcheck.file.Exprs.Compiled;
import tlbcheck.file.Exprs.IntExpr;
import tlbcheck.kernel.PageTable;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.StepAssertion;

/**
 * What software does to a page-table page in a model file, each one access to the page, as
 * {@link PageTable} makes it one shared variable:
 * <ul>
 *   <li>{@code set_pte(pt, i, v)}: entry i of pt becomes v, a WRITE_ONCE (arm64's set_pte and
 *       kvm_clear_pte are WRITE_ONCE of the entry); {@code ptep_get(pt, i)} reads it, a
 *       READ_ONCE, and a read of a freed table is a use after free;</li>
 *   <li>{@code put_page(pt)} drops a reference, {@code put_page_testzero(pt)} drops one and is
 *       true if it was the last: page_ref_dec_and_test() returns a value, so both are fully
 *       ordered RMWs (Documentation/atomic_t.txt), as the catalogue's put_page is;</li>
 *   <li>{@code page_count(pt)}: the refcount, an atomic_read;</li>
 *   <li>{@code free_page(pt)}: the page stops being a page table; a walk that reads it after
 *       this is a use after free.</li>
 * </ul>
 */
final class PageTableSteps {
  private static final Set<String> NAMES = Set.of("set_pte", "ptep_get", "put_page",
      "put_page_testzero", "page_count", "free_page");

  private PageTableSteps() {
  }

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  static Compiled call(Scope scope, Exprs exprs, KernelCParser.CallContext call) {
    String name = call.IDENT().getText();
    List<KernelCParser.ExprContext> args = call.expr();
    int arity = name.equals("set_pte") ? 3 : name.equals("ptep_get") ? 2 : 1;
    if (args.size() != arity || !(args.get(0) instanceof KernelCParser.NameContext n)) {
      throw scope.where(call).error("the form is " + name + (arity == 3 ? "(pt, i, value)"
          : arity == 2 ? "(pt, i)" : "(pt)") + ", pt a pgtable_t the thread declares");
    }
    PageTables.Table table = scope.pageTable(n.IDENT().getSymbol());
    PageTable pt = table.page();
    if (table.count() == 0 && (name.startsWith("put_page") || name.equals("page_count"))) {
      throw scope.where(call).error(name + " needs " + pt.name() + "'s refcount: set it in the "
          + "initial block, set_page_count(" + pt.name() + ", n);");
    }
    List<Access> at = List.of(new Access(pt.name()));
    return switch (name) {
      case "set_pte" -> setPte(scope, exprs, call, table);
      case "ptep_get" -> ptepGet(scope, call, table);
      case "put_page" -> new Compiled(null, c -> pt.put(c) ? 1 : 0, at, Order.RMW_FULL);
      case "put_page_testzero" -> {
        IntExpr e = c -> pt.put(c) ? 1 : 0;
        yield new Compiled(e, e, at, Order.RMW_FULL);
      }
      case "page_count" -> {
        IntExpr e = pt::ref;
        yield new Compiled(e, e, at, Order.ONCE);
      }
      default -> new Compiled(null, c -> {
        pt.free(c);
        return 0;
      }, at, Order.PLAIN);
    };
  }

  private static Compiled setPte(Scope scope, Exprs exprs, KernelCParser.CallContext call,
      PageTables.Table table) {
    int i = entry(scope, call, table);
    Compiled value = exprs.value(call.expr(2));
    if (!value.accesses().isEmpty()) {
      throw scope.where(call.expr(2)).error("set_pte writes a value, not one read from shared "
          + "memory on the same line: read it into a register first");
    }
    IntExpr v = value.value();
    PageTable pt = table.page();
    int values = table.values().size();
    IntExpr e = c -> {
      int now = v.eval(c);
      if (now < 0 || now >= values) {
        throw ModelError.inStep("set_pte(" + pt.name() + ", " + i + ", " + now + ") writes "
            + "a value outside " + table.values());
      }
      pt.setEntry(c, i, now);
      return now;
    };
    return new Compiled(null, e, List.of(new Access(pt.name())), Order.ONCE);
  }

  /**
   * {@code ptep_get(pt, i)}: software reads entry i, a READ_ONCE (arm64's ptep_get); reading a
   * freed table, as a lockless walker does when the free came too early, fails the file's
   * freed-walk property.
   */
  private static Compiled ptepGet(Scope scope, KernelCParser.CallContext call,
      PageTables.Table table) {
    int i = entry(scope, call, table);
    PageTable pt = table.page();
    StepAssertion freed = scope.symbols().pageTables.freedWalk();
    String who = scope.thread().name();
    IntExpr e = c -> {
      if (pt.freed(c)) {
        c.fail(freed, who + " reads " + pt.name() + " after it was freed");
      }
      return pt.entry(c, i);
    };
    return new Compiled(e, e, List.of(new Access(pt.name())), Order.ONCE);
  }

  /** The entry a call's second argument names, checked against the table's size. */
  private static int entry(Scope scope, KernelCParser.CallContext call,
      PageTables.Table table) {
    int i = constant(scope, call.expr(1), call.IDENT().getText() + "'s entry");
    if (i >= table.entries()) {
      throw scope.where(call.expr(1)).error(table.page().name() + " has entries 0.."
          + (table.entries() - 1) + ", not " + i);
    }
    return i;
  }

  /** A constant argument: a literal, or a loop counter of the unrolled iteration. */
  static int constant(Scope scope, KernelCParser.ExprContext e, String what) {
    if (e instanceof KernelCParser.LiteralContext lit) {
      return Scope.literal(scope.where(lit), lit.getText());
    }
    if (e instanceof KernelCParser.NameContext n && scope.constant(n.getText()) != null) {
      return scope.constant(n.getText());
    }
    throw scope.where(e).error(what + " is a number or a loop counter, not '"
        + Scope.text(e) + "'");
  }
}
