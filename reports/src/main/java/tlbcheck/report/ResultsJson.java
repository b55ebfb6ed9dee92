package tlbcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import tlbcheck.result.Check;
import tlbcheck.result.Results;

/**
 * The JSON form of {@link Results}: {@code {"format": "tlbcheck-results", "version": 2,
 * "checks": [...]}}. Each check holds its model (protocol, variant, scenario, parameters), the
 * expected verdict, the explorer's verdict, statistics and metrics, and what Lincheck and jcstress
 * found. A violation's trace holds the thread names, each step (thread index, label, changes),
 * the state at the end, and its schedule as {@code thread: label} lines, the form {@code tlbcheck
 * replay} reads.
 *
 * <p>Version 2 is this layout (version 1 gave an incomplete verdict's limit as text; version 2
 * gives it as data: kind, bound and what was needed). A reader rejects any other version and any field it does not
 * know, so a report is never rendered from data it misreads; a new field or a changed meaning
 * takes a new version.
 */
public final class ResultsJson {
  public static final String FORMAT = "tlbcheck-results";
  public static final int VERSION = 2;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .build();

  /** A file that is not version-2 results: says what is wrong, and where when it can. */
  public static final class FormatError extends Exception {
    FormatError(String message) {
      super(message);
    }
  }

  private ResultsJson() {}

  public static String write(Results results) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("version", VERSION);
    doc.set("checks", MAPPER.valueToTree(results.checks()));
    try {
      return MAPPER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results always serialise", e);
    }
  }

  public static Results read(String json) throws FormatError {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FormatError(where(e) + "not JSON: " + e.getOriginalMessage());
    }
    if (doc == null || !doc.isObject() || !FORMAT.equals(doc.path("format").asText(null))) {
      throw new FormatError("not tlbcheck results: the top level must be an object with "
          + "\"format\": \"" + FORMAT + "\"");
    }
    if (!doc.path("version").isInt() || doc.get("version").asInt() != VERSION) {
      throw new FormatError("results version " + doc.path("version") + " is not supported "
          + "(this tlbcheck reads version " + VERSION + ")");
    }
    if (!doc.path("checks").isArray()) {
      throw new FormatError("\"checks\" must be an array");
    }
    try {
      return new Results(MAPPER.readerForListOf(Check.class).readValue(doc.get("checks")));
    } catch (UnrecognizedPropertyException e) {
      throw new FormatError(path(e, 1) + "unknown field '" + e.getPropertyName() + "'");
    } catch (MismatchedInputException e) {
      if (e.getOriginalMessage().startsWith("Missing creator property")) {
        String field = e.getPath().get(e.getPath().size() - 1).getFieldName();
        throw new FormatError(path(e, 1) + "missing field '" + field + "'");
      }
      throw new FormatError(path(e, 0) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new FormatError(e.getMessage());
    }
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ": ";
  }

  /**
   * {@code checks[3].explorer.stats: }: where in the file a value is wrong, leaving out the
   * last {@code drop} fields of the path (the field itself, when the message names it).
   */
  private static String path(JsonMappingException e, int drop) {
    StringBuilder sb = new StringBuilder("checks");
    List<JsonMappingException.Reference> refs = e.getPath();
    for (JsonMappingException.Reference ref : refs.subList(0, Math.max(0, refs.size() - drop))) {
      sb.append(ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName());
    }
    return sb.append(": ").toString();
  }
}
