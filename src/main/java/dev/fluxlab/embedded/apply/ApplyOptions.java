package dev.fluxlab.embedded.apply;

/**
 * How one apply treats conflicts, decided by the owner (a Kustomization's {@code spec.force}).
 *
 * @param force recreate an object whose update the API server refuses as invalid (an immutable
 *     field changed), as Flux's {@code force} does; objects annotated {@code
 *     kustomize.toolkit.fluxcd.io/force: enabled} are always treated so
 */
public record ApplyOptions(boolean force) {
  public static final ApplyOptions DEFAULT = new ApplyOptions(false);
}
