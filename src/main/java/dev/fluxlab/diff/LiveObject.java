package dev.fluxlab.diff;

import java.util.Map;

/**
 * An object as reconciliation left it, with server-managed noise removed.
 *
 * @param owner the Flux object that applied it ({@code Kustomization/flux-system/apps}), or null
 * @param content the object without status, uid, resourceVersion, managedFields and timestamps
 */
public record LiveObject(ObjectId id, String owner, Map<String, Object> content) {}
