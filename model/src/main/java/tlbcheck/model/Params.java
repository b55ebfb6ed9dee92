package tlbcheck.model;

/**
 * The catalogue's parameters (PROTOCOLS.md "Conventions"): N vCPUs, K pages per table, A guest
 * accesses per vCPU, P removed page tables (M3), I pages invalidated by invlpg (M1). A model
 * reads the ones it uses.
 */
public record Params(int n, int k, int a, int p, int i) {
  public static final Params DEFAULT = new Params(2, 2, 2, 1, 1);

  public Params {
    check("N", n, 1);
    check("K", k, 1);
    check("A", a, 0);
    check("P", p, 1);
    check("I", i, 1);
  }

  private static void check(String name, int value, int min) {
    if (value < min || value > 64) {
      throw new CatalogueError("parameter " + name + " = " + value + " is out of range; it must be "
          + "between " + min + " and 64");
    }
  }

  public Params withN(int value) {
    return new Params(value, k, a, p, i);
  }

  public Params withA(int value) {
    return new Params(n, k, value, p, i);
  }

  public Params withP(int value) {
    return new Params(n, k, a, value, i);
  }

  public Params withI(int value) {
    return new Params(n, k, a, p, value);
  }
}
