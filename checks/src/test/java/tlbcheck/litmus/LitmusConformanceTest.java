package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;

/**
 * The memory models' yardstick (issue 16, part 5): every litmus test of
 * src/test/resources/litmus (a copy of ../shared/litmus, herd7 7.57's verdicts in expected.tsv)
 * gives herd7's verdict under every memory model the explorer has: {@code sc}, {@code x86}
 * (x86-TSO) and {@code arm64}, load buffering included (LB, 3.LB, WRC+po+rmb, WWC and
 * Z6.0+mb+po+mb: a CPU loads and then stores with nothing ordering the two, and the outcome
 * reads the store before the load has read; the load reads late, {@code ArmLateReads}).
 */
class LitmusConformanceTest {
  static final Path DIR = Path.of("src/test/resources/litmus");

  static Stream<Path> tests() throws IOException {
    return litmusFiles(DIR);
  }

  /** The litmus files of {@code dir}, sorted by name. */
  static Stream<Path> litmusFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".litmus")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tests")
  void everyTestGivesHerdsVerdict(Path test) throws Exception {
    for (MemoryModel memory : MemoryModel.values()) {
      Expected table = Expected.read(DIR.resolve("expected.tsv"), memory.id());
      Observation o = Litmus.run(ModelFile.read(test),
          SearchConfig.defaults().withMemory(memory));
      assertEquals(table.verdict(o.name()), o.verdict(), o.name() + " under " + memory + ": "
          + o.states());
    }
  }

  /** The directory holds every test the table names, and the table every test. */
  @org.junit.jupiter.api.Test
  void theTableAndTheDirectoryAgree() throws Exception {
    List<String> names = tests().map(p -> {
      try {
        return ModelFile.read(p).name();
      } catch (RuntimeException e) {
        throw new AssertionError(p + ": " + e.getMessage(), e);
      }
    }).toList();
    List<String> rows = Files.readAllLines(DIR.resolve("expected.tsv")).stream().skip(1)
        .filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]).sorted().toList();
    assertEquals(rows, names.stream().sorted().toList());
    assertTrue(names.size() >= 100, "tests: " + names.size());
  }

  static Observation observe(String name) throws LimitReached {
    return Litmus.run(ModelFile.read(DIR.resolve(name + ".litmus")), SearchConfig.defaults());
  }
}
