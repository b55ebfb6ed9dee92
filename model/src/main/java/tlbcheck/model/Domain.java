package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The finite set of values a shared variable or a register can hold: the integers
 * {@code 0 .. size-1}, each with the name traces print for it.
 *
 * <p>Domains are small on purpose (PROTOCOLS.md "Conventions"): the explorer packs every value
 * into as few bits as the size needs, and a store outside the domain is a model error, not a
 * wrap-around.
 * Immutable and thread-safe.
 */
public final class Domain {
  /** Upper bound on a domain's size; a model that needs more is not a small state machine. */
  public static final int MAX_SIZE = 1 << 16;

  private final ImmutableList<String> names;

  private Domain(List<String> names) {
    this.names = ImmutableList.copyOf(names);
  }

  /** {@code false} (0) and {@code true} (1). */
  public static Domain bool() {
    return new Domain(List.of("false", "true"));
  }

  /** The integers {@code 0 .. max}, printed as numbers. */
  public static Domain range(int max) {
    if (max < 0 || max >= MAX_SIZE) {
      throw new ModelError("a range domain needs 0 <= max < " + MAX_SIZE + ", got " + max);
    }
    ImmutableList.Builder<String> b = ImmutableList.builder();
    for (int i = 0; i <= max; i++) {
      b.add(Integer.toString(i));
    }
    return new Domain(b.build());
  }

  /** An enumeration: value {@code i} is printed as {@code names[i]}. */
  public static Domain of(String... names) {
    if (names.length == 0) {
      throw new ModelError("an enumerated domain needs at least one value");
    }
    if (names.length > MAX_SIZE) {
      throw new ModelError("an enumerated domain may have at most " + MAX_SIZE + " values");
    }
    return new Domain(List.of(names));
  }

  public int size() {
    return names.size();
  }

  public boolean contains(int value) {
    return value >= 0 && value < names.size();
  }

  /** The printed name of {@code value}; values outside the domain print as {@code ?value}. */
  public String name(int value) {
    return contains(value) ? names.get(value) : "?" + value;
  }

  /** Two domains are equal when they name the same values alike. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Domain d && d.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
