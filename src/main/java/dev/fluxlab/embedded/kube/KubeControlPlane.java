package dev.fluxlab.embedded.kube;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Kubeconfig;
import dev.fluxlab.util.Pki;
import dev.fluxlab.util.SecureFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.logging.Logger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The control plane of one embedded cluster, as real as Kubernetes makes it: etcd, kube-apiserver
 * and kube-controller-manager as local processes, TLS everywhere, client certificates from a CA
 * made for this cluster, RBAC authorisation, no anonymous access, loopback only. Everything lives
 * under {@code dir} (0700): certificates, etcd data, logs, the admin kubeconfig.
 *
 * <p>kube-controller-manager runs only the controllers whose work the API server's users see
 * without pods: namespace deletion, garbage collection, ClusterRole aggregation (the built-in
 * {@code admin}/{@code edit}/{@code view} roles), ServiceAccounts with their tokens and the {@code
 * kube-root-ca.crt} ConfigMaps. Workload status is fluxlab's (there are no nodes).
 *
 * <p>etcd may start from a copy of an {@link EtcdTemplate} (data a bootstrapped control plane left,
 * with Flux's CRDs): the API server then skips nothing, but what it and fluxlab would create is
 * there already. The {@code kubernetes} Service has no Endpoints either way ({@code
 * --endpoint-reconciler-type=none}), so no stored address points at the template's builder.
 */
public final class KubeControlPlane implements AutoCloseable {
  private static final String ADMIN = "fluxlab-admin";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final String READY = "/readyz";
  private static final String SERVING =
      READY
          + "?exclude=poststarthook/rbac/bootstrap-roles"
          + "&exclude=poststarthook/scheduling/bootstrap-system-priority-classes";
  private static final String SERVICE_CIDR = "10.96.0.0/16";
  private static final int PORT_ATTEMPTS = 3;

  /** Updates of a ConfigMap the API server itself may be writing at that moment. */
  private static final int CONFLICT_ATTEMPTS = 3;

  private static final String ADDRESS_IN_USE = "address already in use";
  private static final int LOG_LINES = 5;
  private static final List<String> CONTROLLERS =
      List.of(
          "namespace-controller",
          "garbage-collector-controller",
          "clusterrole-aggregation-controller",
          "serviceaccount-controller",
          "serviceaccount-token-controller",
          // kube-root-ca.crt in every namespace, with this cluster's CA (what in-cluster clients
          // and tools read as the cluster's CA); an etcd template never holds one (its builder
          // runs no controller manager), so a templated cluster publishes its own.
          "root-ca-certificate-publisher-controller");

  /**
   * The API server's flags that shape what it stores at bootstrap (the kubernetes Service's IP and
   * its ServiceCIDR, whether Endpoints or flow-control objects are written): part of an etcd
   * template's key, so a change here builds a new template.
   */
  static final List<String> STORED_SHAPE_FLAGS =
      List.of(
          "--service-cluster-ip-range=" + SERVICE_CIDR,
          // No node will ever answer on 127.0.0.1 for the kubernetes Service.
          "--endpoint-reconciler-type=none",
          // Fairness between many clients' request floods is not a lab cluster's problem; its
          // bootstrap configuration costs start-up time.
          "--enable-priority-and-fairness=false",
          "--authorization-mode=RBAC",
          "--service-account-issuer=https://kubernetes.default.svc.cluster.local");

  private static final Logger LOG = Logger.getLogger(KubeControlPlane.class.getName());
  private static final String AUTH_CONFIGMAP = "extension-apiserver-authentication";
  private static final String CLIENT_CA = "client-ca-file";
  private static final Duration ETCD_STOP_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Path dir;
  private final String url;
  private final Path adminKubeconfig;
  private final List<ManagedProcess> processes;
  private final EtcdTemplate template;

  private KubeControlPlane(
      String name,
      Path dir,
      String url,
      Path adminKubeconfig,
      List<ManagedProcess> processes,
      EtcdTemplate template) {
    this.name = name;
    this.dir = dir;
    this.url = url;
    this.adminKubeconfig = adminKubeconfig;
    this.processes = processes;
    this.template = template;
  }

  /**
   * Starts the processes and returns once the API server serves its administrator: every check of
   * its {@code /readyz} passes except the two post-start hooks that create the built-in
   * ClusterRoles and PriorityClasses, each of which first sleeps a second. Requests of {@code
   * system:masters} do not depend on them (that group is authorised before RBAC is asked); call
   * {@link #awaitReady()} before anyone else acts. kube-controller-manager is started then too.
   */
  public static KubeControlPlane start(String name, KubeBinaries bin, Path dir) {
    return start(name, bin, dir, FreePort::pick, null, true);
  }

  /**
   * As {@link #start(String, KubeBinaries, Path)}, with etcd starting from a copy of {@code
   * template}'s data (null: from nothing). A template that cannot be copied, that etcd refuses or
   * with which the API server does not come up is dropped, saying why in one log line, and the
   * cluster starts from nothing: {@link #template()} tells which happened.
   */
  public static KubeControlPlane start(
      String name, KubeBinaries bin, Path dir, EtcdTemplate template) {
    return start(name, bin, dir, FreePort::pick, template, true);
  }

  /**
   * As {@link #start(String, KubeBinaries, Path)}, with the loopback ports drawn from {@code
   * ports}. A port is free when drawn and taken only when the process binds it, so another process
   * may bind it in between: a start that loses that race is retried on fresh ports.
   */
  static KubeControlPlane start(String name, KubeBinaries bin, Path dir, IntSupplier ports) {
    return start(name, bin, dir, ports, null, true);
  }

  /**
   * @param controllerManager false for an etcd template's builder: nothing the controllers would
   *     store (kube-root-ca.crt with the builder's CA, ServiceAccounts) belongs in a template
   */
  static KubeControlPlane start(
      String name,
      KubeBinaries bin,
      Path dir,
      IntSupplier ports,
      EtcdTemplate template,
      boolean controllerManager) {
    Identities ids = Identities.create(name, dir);
    EtcdTemplate seed = template;
    for (int attempt = 1; ; ) {
      try {
        if (seed != null) {
          seed.copyInto(dir.resolve("etcd"));
        }
        return startProcesses(name, bin, dir, ids, ports, seed, controllerManager);
      } catch (PortTakenException e) {
        if (attempt++ == PORT_ATTEMPTS) {
          throw new FluxLabException(
              e.getMessage() + " (" + PORT_ATTEMPTS + " attempts on fresh ports)");
        }
        // The member's data records its peer URL: the next attempt starts from nothing (or from
        // a fresh copy of the template).
        Files2.deleteRecursively(dir.resolve("etcd"));
      } catch (FluxLabException | UncheckedIOException e) {
        if (seed == null) {
          throw e;
        }
        // The optimisation must never fail a start: without the template, as before.
        LOG.warning(
            "cluster "
                + name
                + ": etcd template "
                + seed.dir()
                + " not used ("
                + e.getMessage()
                + "); starting from empty data and installing Flux's CRDs");
        Files2.deleteRecursively(dir.resolve("etcd"));
        seed = null;
      }
    }
  }

  /** Certificates, keys and the administrator's token of one cluster, written under its pki/. */
  private record Identities(
      Path caFile,
      String caPem,
      Pki.Files etcdServing,
      Pki.Files etcdClient,
      Pki.Files serving,
      String adminToken,
      Path tokens,
      Path saKey,
      Path saPub,
      Pki.Issued controllerManager,
      Path pki,
      Path logs) {

    static Identities create(String name, Path dir) {
      SecureFiles.createOwnerOnlyDirectory(dir);
      Path pki = SecureFiles.createOwnerOnlyDirectory(dir.resolve("pki"));
      Path logs = SecureFiles.createOwnerOnlyDirectory(dir.resolve("logs"));
      Pki ca = Pki.create("fluxlab-" + name);
      Path caFile = SecureFiles.writeOwnerOnly(pki.resolve("ca.crt"), ca.caPem());
      Pki.Files etcdServing = ca.server("etcd", List.of()).write(pki, "etcd");
      Pki.Files etcdClient =
          ca.client("kube-apiserver-etcd-client", List.of()).write(pki, "apiserver-etcd-client");
      Pki.Files serving =
          ca.server(
                  "kube-apiserver",
                  List.of(
                      "kubernetes",
                      "kubernetes.default",
                      "kubernetes.default.svc",
                      "kubernetes.default.svc.cluster.local"))
              .write(pki, "apiserver");
      // The administrator authenticates with a bearer token (as on the docker backend), which
      // every client reads: fabric8 reads ECDSA client keys only with BouncyCastle at hand, and
      // an RSA key costs a second of CPU (C1-compiled) to generate while the API servers start.
      String adminToken = Credentials.generate(ADMIN).password();
      Path tokens =
          SecureFiles.writeOwnerOnly(
              pki.resolve("tokens.csv"),
              adminToken + "," + ADMIN + "," + ADMIN + ",system:masters\n");
      Pki.SigningKey sa = Pki.signingKey();
      Path saKey = SecureFiles.writeOwnerOnly(pki.resolve("sa.key"), sa.privatePem());
      Path saPub = SecureFiles.writeOwnerOnly(pki.resolve("sa.pub"), sa.publicPem());
      // Its controllers act with its own identity (no per-controller service-account tokens, which
      // would cost start-up time); that identity's bootstrap role cannot aggregate ClusterRoles or
      // empty namespaces, so it is a cluster administrator, as a single-binary lab cluster's is.
      Pki.Issued kcm = ca.client("system:kube-controller-manager", List.of("system:masters"));
      return new Identities(
          caFile,
          ca.caPem(),
          etcdServing,
          etcdClient,
          serving,
          adminToken,
          tokens,
          saKey,
          saPub,
          kcm,
          pki,
          logs);
    }
  }

  private static KubeControlPlane startProcesses(
      String name,
      KubeBinaries bin,
      Path dir,
      Identities ids,
      IntSupplier ports,
      EtcdTemplate seed,
      boolean controllerManager) {
    List<ManagedProcess> started = new ArrayList<>();
    try {
      int etcdPort = ports.getAsInt();
      int peerPort = ports.getAsInt();
      int apiPort = ports.getAsInt();
      String etcdUrl = "https://127.0.0.1:" + etcdPort;
      String peerUrl = "https://127.0.0.1:" + peerPort;
      String apiUrl = "https://127.0.0.1:" + apiPort;
      Path caFile = ids.caFile();

      started.add(
          ManagedProcess.start(
              "etcd",
              List.of(
                  bin.etcd().toString(),
                  "--name=" + name,
                  "--data-dir=" + dir.resolve("etcd"),
                  "--listen-client-urls=" + etcdUrl,
                  "--advertise-client-urls=" + etcdUrl,
                  "--listen-peer-urls=" + peerUrl,
                  "--initial-advertise-peer-urls=" + peerUrl,
                  "--initial-cluster=" + name + "=" + peerUrl,
                  "--cert-file=" + ids.etcdServing().certificate(),
                  "--key-file=" + ids.etcdServing().key(),
                  "--client-cert-auth",
                  "--trusted-ca-file=" + caFile,
                  "--peer-cert-file=" + ids.etcdServing().certificate(),
                  "--peer-key-file=" + ids.etcdServing().key(),
                  "--peer-client-cert-auth",
                  "--peer-trusted-ca-file=" + caFile,
                  // A lab cluster's data is thrown away with it: durability buys nothing here.
                  "--unsafe-no-fsync",
                  // A single member elects itself after one election timeout, and the API
                  // server's storage waits for that: 250 ms instead of the default second (with
                  // no peers there is no one to disagree, whatever the load).
                  "--heartbeat-interval=25",
                  "--election-timeout=250",
                  "--log-level=warn"),
              Map.of(),
              ids.logs().resolve("etcd.log")));
      List<String> apiServer =
          new ArrayList<>(
              List.of(
                  bin.apiServer().toString(),
                  "--etcd-servers=" + etcdUrl,
                  "--etcd-cafile=" + caFile,
                  "--etcd-certfile=" + ids.etcdClient().certificate(),
                  "--etcd-keyfile=" + ids.etcdClient().key(),
                  "--bind-address=127.0.0.1",
                  "--advertise-address=127.0.0.1",
                  "--secure-port=" + apiPort,
                  "--tls-cert-file=" + ids.serving().certificate(),
                  "--tls-private-key-file=" + ids.serving().key(),
                  "--cert-dir=" + ids.pki(),
                  "--client-ca-file=" + caFile,
                  "--token-auth-file=" + ids.tokens(),
                  "--anonymous-auth=false",
                  "--service-account-key-file=" + ids.saPub(),
                  "--service-account-signing-key-file=" + ids.saKey(),
                  "--profiling=false"));
      apiServer.addAll(STORED_SHAPE_FLAGS);
      started.add(
          ManagedProcess.start(
              "kube-apiserver", apiServer, Map.of(), ids.logs().resolve("kube-apiserver.log")));
      Path adminKubeconfig =
          Kubeconfig.writeWithToken(
              dir.resolve("admin.kubeconfig"),
              "fluxlab-" + name,
              apiUrl,
              ids.caPem(),
              ids.adminToken());
      Path kcmKubeconfig =
          Kubeconfig.writeWithClientCertificate(
              dir.resolve("kube-controller-manager.kubeconfig"),
              "kube-controller-manager",
              apiUrl,
              ids.caPem(),
              ids.controllerManager().certificatePem(),
              ids.controllerManager().keyPem());
      KubeControlPlane plane =
          new KubeControlPlane(name, dir, apiUrl, adminKubeconfig, started, seed);
      plane.awaitReadyz("serving its administrator", SERVING);
      if (seed != null) {
        plane.adoptClientCa(ids.caPem());
      }
      if (!controllerManager) {
        return plane;
      }
      started.add(
          ManagedProcess.start(
              "kube-controller-manager",
              List.of(
                  bin.controllerManager().toString(),
                  "--kubeconfig=" + kcmKubeconfig,
                  "--controllers=" + String.join(",", CONTROLLERS),
                  "--service-account-private-key-file=" + ids.saKey(),
                  "--root-ca-file=" + caFile,
                  "--leader-elect=false",
                  "--bind-address=127.0.0.1",
                  "--secure-port=0"),
              Map.of(),
              ids.logs().resolve("kube-controller-manager.log")));
      return plane;
    } catch (RuntimeException e) {
      started.forEach(ManagedProcess::close);
      throw e;
    }
  }

  /**
   * The API server records the CA it trusts for client certificates in {@code
   * kube-system/extension-apiserver-authentication} (for aggregated API servers and webhooks) and
   * merges it with what the map already holds: started from a template, that is the builder's CA,
   * whose key is long gone. Replaced with this cluster's CA alone; the API server's own sync then
   * finds nothing to add (an update that races with it conflicts, and is tried again).
   */
  private void adoptClientCa(String caPem) {
    try (KubernetesClient client = adminClient()) {
      var maps = client.configMaps().inNamespace("kube-system");
      for (int attempt = 1; ; attempt++) {
        ConfigMap cm = maps.withName(AUTH_CONFIGMAP).get();
        if (cm == null || cm.getData() == null || caPem.equals(cm.getData().get(CLIENT_CA))) {
          return; // not written yet: the API server writes its own CA alone
        }
        cm.getData().put(CLIENT_CA, caPem);
        try {
          maps.resource(cm).update();
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
            throw e;
          }
        }
      }
    }
  }

  /** The template this cluster's etcd started from; empty when it started from nothing. */
  public Optional<EtcdTemplate> template() {
    return Optional.ofNullable(template);
  }

  /**
   * Stops the processes, etcd last and gracefully, so that its data directory is complete and
   * consistent afterwards (an etcd template's builder keeps it).
   */
  void stopKeepingEtcdData() {
    for (int i = processes.size() - 1; i >= 1; i--) {
      processes.get(i).close();
    }
    processes.get(0).stopGracefully(ETCD_STOP_GRACE);
  }

  Path etcdDataDir() {
    return dir.resolve("etcd");
  }

  public String name() {
    return name;
  }

  /** The API server's URL, {@code https://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /** A kubeconfig of a cluster administrator (group system:masters), mode 0600. */
  public Path adminKubeconfig() {
    return adminKubeconfig;
  }

  /** A new client authenticated as the administrator. */
  public KubernetesClient adminClient() {
    try {
      Config config = Config.fromKubeconfig(Files.readString(adminKubeconfig));
      config.setRequestTimeout(10_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the API server is ready for every user: until its built-in roles and priority
   * classes exist (see {@link #start}).
   */
  public void awaitReady() {
    awaitReadyz("ready", READY);
  }

  private void awaitReadyz(String what, String readyz) {
    try (KubernetesClient client = adminClient()) {
      await("kube-apiserver of cluster " + name + " " + what)
          .atMost(READY_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          // Not serving yet is expected; a process that exited is the answer, at once.
          .ignoreExceptionsMatching(e -> !(e instanceof FluxLabException))
          .until(
              () -> {
                failIfExited();
                return "ok".equals(client.raw(readyz));
              });
    } catch (ConditionTimeoutException e) {
      failIfExited();
      throw new FluxLabException(
          "kube-apiserver of cluster "
              + name
              + " was not "
              + what
              + " within "
              + READY_TIMEOUT.toSeconds()
              + "s; its log ends with: "
              + processes.get(1).lastLogLines(LOG_LINES));
    }
  }

  private void failIfExited() {
    for (ManagedProcess p : processes) {
      if (!p.isAlive()) {
        String log = p.lastLogLines(LOG_LINES);
        String message =
            p.name()
                + " of cluster "
                + name
                + " exited during start-up ("
                + p.exitDescription()
                + "); its log ends with: "
                + log;
        if (log.contains(ADDRESS_IN_USE)) {
          throw new PortTakenException(message);
        }
        throw new FluxLabException(message);
      }
    }
  }

  /** A process could not bind a port that was free when it was drawn. */
  private static final class PortTakenException extends FluxLabException {
    PortTakenException(String message) {
      super(message);
    }
  }

  /** Stops the processes (controller manager first, etcd last); idempotent. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  Path dir() {
    return dir;
  }
}
