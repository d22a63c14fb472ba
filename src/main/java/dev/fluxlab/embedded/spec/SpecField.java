package dev.fluxlab.embedded.spec;

import java.util.Set;

/**
 * What the embedded backend does with one field of a Flux object's spec (and, unless a more
 * specific entry says otherwise, with everything below it).
 *
 * @param path the field as a dotted path below the object, arrays marked {@code []}: {@code
 *     spec.patches[].target.kind}
 * @param support handled or refused
 * @param accepted for a refused field, the values that are fine anyway because they are what the
 *     embedded backend does (an explicit default such as {@code install.crds: Skip}); empty: every
 *     value is refused
 * @param note why, in a few words (shown in the README table)
 */
public record SpecField(String path, Support support, Set<Object> accepted, String note) {

  /** Handled, or refused with Ready=False. There is no third way. */
  public enum Support {
    /** Acted on with Flux's semantics (or, where the note says so, without observable effect). */
    HANDLED,
    /** Ready=False {@link SpecFields#REASON}, naming the field. */
    REFUSED
  }

  public SpecField {
    accepted = Set.copyOf(accepted);
  }

  static SpecField handled(String path, String note) {
    return new SpecField(path, Support.HANDLED, Set.of(), note);
  }

  static SpecField refused(String path, String note, Object... accepted) {
    return new SpecField(path, Support.REFUSED, Set.of(accepted), note);
  }

  /** Whether this entry decides for {@code other}: the same path or one below it. */
  boolean covers(String other) {
    return other.equals(path) || other.startsWith(path + ".") || other.startsWith(path + "[]");
  }
}
