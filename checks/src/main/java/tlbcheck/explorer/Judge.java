package tlbcheck.explorer;

import tlbcheck.model.Model;
import tlbcheck.model.StateProperty;

/**
 * Which property a state breaks: the first broken invariant, else, once every thread has
 * finished, the first broken final property. Part of {@link Semantics}: the one place that
 * decides which property ends a state, for the search, its listeners and replays alike.
 */
final class Judge {
  private final PackedContext ctx;
  private final StateProperty[] invariants;
  private final StateProperty[] finals;

  Judge(Model model, PackedContext ctx) {
    this.ctx = ctx;
    this.invariants = model.invariants().toArray(new StateProperty[0]);
    this.finals = model.finalProperties().toArray(new StateProperty[0]);
  }

  Semantics.Broken broken(long[] s, boolean finished) {
    Semantics.Broken b = first(invariants, s);
    return b == null && finished ? first(finals, s) : b;
  }

  private Semantics.Broken first(StateProperty[] properties, long[] s) {
    for (StateProperty p : properties) {
      ctx.bindReadOnly(s, -1, null);
      String why = p.check().violation(ctx);
      if (why != null) {
        return new Semantics.Broken(p.id(), p.text(), why);
      }
    }
    return null;
  }
}
