package tlbcheck.model;

/**
 * A request that names something the catalogue does not have (a model, variant or scenario) or
 * a parameter it cannot take. The message names what is wrong and what exists instead.
 */
public final class CatalogueError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogueError(String message) {
    super(message);
  }
}
