package tlbcheck.catalogue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;
import tlbcheck.catalogue.m1.RemoteTlbsDirty;
import tlbcheck.catalogue.m2.MmuLockRoots;
import tlbcheck.catalogue.m3.RcuFreeing;
import tlbcheck.catalogue.m4.BlockCoalescing;
import tlbcheck.catalogue.m4.UnmapRangeTlbi;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.Protocol;

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
}
