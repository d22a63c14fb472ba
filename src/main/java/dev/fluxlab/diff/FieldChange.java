package dev.fluxlab.diff;

/**
 * One field that differs between base and head.
 *
 * @param path the field, as scenario files write it: {@code spec.template.spec.containers.0.image}
 *     (a dot inside a key is {@code \.})
 * @param before the value at base, or null when the field is new
 * @param after the value at head, or null when the field was removed
 */
public record FieldChange(String path, Object before, Object after) {}
