package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;
import tlbcheck.model.m1.RemoteTlbsDirty;
import tlbcheck.model.m2.MmuLockRoots;
import tlbcheck.model.m3.RcuFreeing;
import tlbcheck.model.m4.BlockCoalescing;
import tlbcheck.model.m4.UnmapRangeTlbi;

/** Every protocol tlbcheck ships, in catalogue order, and lookup by id. */
public final class Catalogue {
  private static final ImmutableList<Protocol> ALL = ImmutableList.of(new RemoteTlbsDirty(),
      new MmuLockRoots(), new RcuFreeing(), new BlockCoalescing(), new UnmapRangeTlbi());

  private Catalogue() {}

  public static List<Protocol> all() {
    return ALL;
  }

  public static Protocol protocol(String id) {
    for (Protocol p : ALL) {
      if (p.id().equalsIgnoreCase(id)) {
        return p;
      }
    }
    throw new CatalogueError("unknown model '" + id + "'; models: " + ALL.stream()
        .map(Protocol::id).collect(Collectors.joining(", ")));
  }

  /** The variant of {@code p} named {@code id}, or a message naming the variants there are. */
  public static Variant variant(Protocol p, String id) {
    for (Variant v : p.variants()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new CatalogueError("unknown variant '" + id + "' of model " + p.id() + "; variants: "
        + p.variants().stream().map(Variant::id).collect(Collectors.joining(", ")));
  }

  public static String scenario(Protocol p, String id) {
    if (p.scenarios().contains(id)) {
      return id;
    }
    throw new CatalogueError("unknown scenario '" + id + "' of model " + p.id() + "; scenarios: "
        + String.join(", ", p.scenarios()));
  }
}
