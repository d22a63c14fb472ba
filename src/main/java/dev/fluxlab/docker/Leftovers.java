package dev.fluxlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What of an environment is still in the engine after its teardown: containers, networks and
 * volumes carrying its label, and the volumes its containers had mounted. Those are taken while it
 * runs, because Docker labels no anonymous volume (a node's containerd state is one).
 */
public final class Leftovers {
  private final String env;
  private final Set<String> mountedVolumes;

  private Leftovers(String env, Set<String> mountedVolumes) {
    this.env = env;
    this.mountedVolumes = mountedVolumes;
  }

  /** Call while the environment runs. */
  public static Leftovers watch(String env) {
    Set<String> volumes = new LinkedHashSet<>();
    for (Container c : DockerSweep.containers(DockerEngine.client(), env)) {
      if (c.getMounts() != null) {
        for (ContainerMount m : c.getMounts()) {
          if (m.getName() != null && !m.getName().isEmpty()) {
            volumes.add(m.getName());
          }
        }
      }
    }
    return new Leftovers(env, volumes);
  }

  /** Volumes the environment's containers had mounted when {@link #watch} ran. */
  public int mountedVolumes() {
    return mountedVolumes.size();
  }

  /** One line per item still present, e.g. {@code container fluxlab-x-gitea}; empty when none. */
  public List<String> remaining() {
    DockerClient docker = DockerEngine.client();
    String selector = DockerLabels.ENV + "=" + env;
    List<String> left = new ArrayList<>();
    DockerSweep.containers(docker, env)
        .forEach(c -> left.add("container " + DockerSweep.displayName(c)));
    docker
        .listNetworksCmd()
        .withFilter("label", List.of(selector))
        .exec()
        .forEach(n -> left.add("network " + n.getName()));
    var labelled = docker.listVolumesCmd().withFilter("label", List.of(selector)).exec();
    Set<String> volumes = new LinkedHashSet<>(mountedVolumes);
    if (labelled.getVolumes() != null) {
      labelled.getVolumes().forEach(v -> volumes.add(v.getName()));
    }
    for (String v : volumes) {
      try {
        docker.inspectVolumeCmd(v).exec();
        left.add("volume " + v);
      } catch (NotFoundException gone) {
        // removed with its container, as it should be
      }
    }
    return left;
  }
}
