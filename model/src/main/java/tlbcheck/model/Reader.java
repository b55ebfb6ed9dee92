package tlbcheck.model;

/** Read-only access to the shared variables of one state: what properties see. */
@FunctionalInterface
public interface Reader {
  int load(Var v);
}
