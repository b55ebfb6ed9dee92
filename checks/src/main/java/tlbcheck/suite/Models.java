package tlbcheck.suite;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Replay;
import tlbcheck.file.FileProtocol;
import tlbcheck.file.ModelFile;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.Model;
import tlbcheck.model.Protocol;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;

/**
 * The protocols a run knows: the catalogue's, then a user's own, found with {@link
 * ServiceLoader} in the jars and class directories a user names ({@code --models PATH}, or
 * {@code TLBCHECK_MODELS}). A user's protocol is a {@link Protocol} listed in its jar's or
 * directory's {@code META-INF/services/tlbcheck.model.Protocol}; nothing in tlbcheck is edited
 * to add one, and every command treats it as it treats the catalogue's. Immutable.
 */
public final class Models {
  private final Map<String, Protocol> byId;

  private Models(List<Protocol> protocols) {
    byId = new LinkedHashMap<>();
    for (Protocol p : protocols) {
      Protocol known = byId.putIfAbsent(p.id().toLowerCase(Locale.ROOT), p);
      if (known != null) {
        throw new CatalogueError("two models have the id '" + p.id() + "': "
            + known.getClass().getName() + " and " + p.getClass().getName());
      }
    }
  }

  /** The catalogue alone. */
  public static Models catalogue() {
    return new Models(Catalogue.all());
  }

  /**
   * The catalogue and the protocols on {@code paths}. A path that does not exist, a provider
   * that cannot be loaded or built, or an id taken twice is a {@link CatalogueError} saying so.
   */
  public static Models load(List<Path> given) {
    List<Protocol> all = new ArrayList<>(Catalogue.all());
    List<Path> paths = new ArrayList<>();
    for (Path p : given) {
      if (isModelFile(p)) {
        all.add(FileProtocol.of(ModelFile.read(p)));
      } else {
        paths.add(p);
      }
    }
    if (!paths.isEmpty()) {
      URL[] urls = new URL[paths.size()];
      for (int i = 0; i < urls.length; i++) {
        Path p = paths.get(i);
        if (!Files.exists(p)) {
          throw new CatalogueError("--models: " + p + " does not exist (a jar, or a directory "
              + "of classes with META-INF/services/" + Protocol.class.getName() + ")");
        }
        try {
          urls[i] = p.toUri().toURL();
        } catch (MalformedURLException e) {
          throw new CatalogueError("--models: " + p + " is not a path a class loader can read");
        }
      }
      URLClassLoader loader = new URLClassLoader(urls, Models.class.getClassLoader());
      List<Protocol> found = new ArrayList<>();
      try {
        ServiceLoader.load(Protocol.class, loader).forEach(found::add);
      } catch (ServiceConfigurationError e) {
        throw new CatalogueError("--models " + paths.stream().map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)) + ": " + message(e));
      }
      if (found.isEmpty()) {
        throw new CatalogueError("--models: no model in " + paths + "; list your Protocol "
            + "classes in META-INF/services/" + Protocol.class.getName());
      }
      all.addAll(found);
      closeOnExit(loader);
    }
    return new Models(all);
  }

  /** A model file: a regular file whose name ends in {@code .litmus} (DESIGN.md "Model files"). */
  private static boolean isModelFile(Path p) {
    return p.getFileName() != null && p.getFileName().toString().endsWith(".litmus")
        && Files.isRegularFile(p);
  }

  /** The class loader stays open while the models are used: the JVM's exit closes it. */
  private static void closeOnExit(URLClassLoader loader) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        loader.close();
      } catch (IOException e) {
        // Nothing is left to read at exit.
      }
    }));
  }

  private static String message(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getMessage());
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      sb.append(": ").append(c);
    }
    return sb.toString();
  }

  /** Every protocol: the catalogue's first, then the user's in the order they were found. */
  public List<Protocol> all() {
    return List.copyOf(byId.values());
  }

  /**
   * The protocol named {@code id}, or the model file {@code id} is the path of; an unknown one
   * is a {@link CatalogueError} naming them.
   */
  public Protocol protocol(String id) {
    if (isModelFile(Path.of(id))) {
      return FileProtocol.of(ModelFile.read(Path.of(id)));
    }
    Protocol p = byId.get(id.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new CatalogueError("unknown model '" + id + "'; models: " + byId.values().stream()
          .map(Protocol::id).collect(Collectors.joining(", ")));
    }
    return p;
  }

  /** The model {@code schedule}'s header names, in {@code variant}. */
  public Model model(Schedule schedule, String variant) {
    return Replay.model(protocol(schedule.model().protocol()), schedule, variant);
  }

  /**
   * Replays {@code schedule} against the model its header names: one statement in a test,
   * {@code assertEquals("violates P1", Models.catalogue().replay(schedule).label())}.
   */
  public Replayed replay(Schedule schedule) {
    return replay(schedule, schedule.model().variant());
  }

  /** Replays {@code schedule} against another variant of the model its header names. */
  public Replayed replay(Schedule schedule, String variant) {
    return Replay.run(model(schedule, variant), schedule);
  }
}
