package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.postBuild}: gathers variables from {@code substituteFrom} (ConfigMaps and Secrets in
 * the Kustomization's namespace, in order) and {@code substitute} (which wins), then substitutes
 * them in every object not opted out with {@code kustomize.toolkit.fluxcd.io/substitute: disabled}.
 */
final class PostBuild {
  private final KubernetesClient client;
  private final String namespace;

  PostBuild(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  List<Map<String, Object>> substitute(
      List<Map<String, Object>> docs, Map<String, Object> postBuild) {
    Map<String, String> vars = variables(postBuild);
    Substitution.validateNames(vars);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      if ("disabled".equals(Maps.string(doc, "metadata", "annotations", Annotations.SUBSTITUTE))
          || "disabled".equals(Maps.string(doc, "metadata", "labels", Annotations.SUBSTITUTE))) {
        out.add(doc);
        continue;
      }
      String substituted = Substitution.apply(Yaml.write(doc), vars);
      try {
        out.add(Yaml.map(substituted));
      } catch (IllegalArgumentException e) {
        throw new BuildException(
            "BuildFailed",
            "post build failed for '"
                + Maps.string(doc, "kind")
                + "/"
                + Maps.string(doc, "metadata", "name")
                + "': "
                + e.getMessage());
      }
    }
    return out;
  }

  private Map<String, String> variables(Map<String, Object> postBuild) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (Object ref : Maps.list(postBuild, "substituteFrom")) {
      String kind = Maps.string(ref, "kind");
      String name = Maps.string(ref, "name");
      boolean optional = Maps.bool(ref, "optional");
      Map<String, String> data = read(kind, name);
      if (data == null) {
        if (optional) {
          continue;
        }
        throw new BuildException(
            "BuildFailed",
            "substitute from '"
                + kind
                + "/"
                + name
                + "' error: "
                + kind.toLowerCase()
                + "s \""
                + name
                + "\" not found");
      }
      vars.putAll(data);
    }
    Maps.map(postBuild, "substitute").forEach((k, v) -> vars.put(k, String.valueOf(v)));
    return vars;
  }

  private Map<String, String> read(String kind, String name) {
    if ("Secret".equals(kind)) {
      Secret s = client.secrets().inNamespace(namespace).withName(name).get();
      if (s == null) {
        return null;
      }
      Map<String, String> data = new LinkedHashMap<>();
      if (s.getData() != null) {
        s.getData()
            .forEach(
                (k, v) ->
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
      if (s.getStringData() != null) {
        data.putAll(s.getStringData());
      }
      return data;
    }
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm == null ? null : cm.getData() == null ? Map.of() : cm.getData();
  }
}
