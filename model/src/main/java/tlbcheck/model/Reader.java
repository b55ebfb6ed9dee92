package tlbcheck.model;

/**
 * Read-only access to one state: what properties and metrics see. Besides the shared variables,
 * a property may read any thread's registers, which is how it names what a thread holds ("ref
 * equals the number of threads holding the root").
 */
public interface Reader {
  int load(Var v);

  int get(Reg r);
}
