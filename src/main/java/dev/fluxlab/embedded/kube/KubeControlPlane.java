package dev.fluxlab.embedded.kube;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Kubeconfig;
import dev.fluxlab.util.Pki;
import dev.fluxlab.util.SecureFiles;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The control plane of one embedded cluster, as real as Kubernetes makes it: etcd, kube-apiserver
 * and kube-controller-manager as local processes, TLS everywhere, client certificates from a CA
 * made for this cluster, RBAC authorisation, no anonymous access, loopback only. Everything lives
 * under {@code dir} (0700): certificates, etcd data, logs, the admin kubeconfig.
 *
 * <p>kube-controller-manager runs only the controllers whose work the API server's users see
 * without pods: namespace deletion, garbage collection, ClusterRole aggregation (the built-in
 * {@code admin}/{@code edit}/{@code view} roles) and ServiceAccounts with their tokens. Workload
 * status is fluxlab's (there are no nodes).
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
  private static final String ADDRESS_IN_USE = "address already in use";
  private static final int LOG_LINES = 5;
  private static final List<String> CONTROLLERS =
      List.of(
          "namespace-controller",
          "garbage-collector-controller",
          "clusterrole-aggregation-controller",
          "serviceaccount-controller",
          "serviceaccount-token-controller");

  private final String name;
  private final Path dir;
  private final String url;
  private final Path adminKubeconfig;
  private final List<ManagedProcess> processes;

  private KubeControlPlane(
      String name, Path dir, String url, Path adminKubeconfig, List<ManagedProcess> processes) {
    this.name = name;
    this.dir = dir;
    this.url = url;
    this.adminKubeconfig = adminKubeconfig;
    this.processes = processes;
  }

  /**
   * Starts the processes and returns once the API server serves its administrator: every check of
   * its {@code /readyz} passes except the two post-start hooks that create the built-in
   * ClusterRoles and PriorityClasses, each of which first sleeps a second. Requests of {@code
   * system:masters} do not depend on them (that group is authorised before RBAC is asked); call
   * {@link #awaitReady()} before anyone else acts. kube-controller-manager is started then too.
   */
  public static KubeControlPlane start(String name, KubeBinaries bin, Path dir) {
    return start(name, bin, dir, FreePort::pick);
  }

  /**
   * As {@link #start(String, KubeBinaries, Path)}, with the loopback ports drawn from {@code
   * ports}. A port is free when drawn and taken only when the process binds it, so another process
   * may bind it in between: a start that loses that race is retried on fresh ports.
   */
  static KubeControlPlane start(String name, KubeBinaries bin, Path dir, IntSupplier ports) {
    Identities ids = Identities.create(name, dir);
    for (int attempt = 1; ; attempt++) {
      try {
        return startProcesses(name, bin, dir, ids, ports);
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new FluxLabException(
              e.getMessage() + " (" + PORT_ATTEMPTS + " attempts on fresh ports)");
        }
        // The member's data records its peer URL: the next attempt starts from nothing.
        Files2.deleteRecursively(dir.resolve("etcd"));
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
      String name, KubeBinaries bin, Path dir, Identities ids, IntSupplier ports) {
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
      started.add(
          ManagedProcess.start(
              "kube-apiserver",
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
                  "--authorization-mode=RBAC",
                  "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                  "--service-account-key-file=" + ids.saPub(),
                  "--service-account-signing-key-file=" + ids.saKey(),
                  "--service-cluster-ip-range=" + SERVICE_CIDR,
                  // No node will ever answer on 127.0.0.1 for the kubernetes Service.
                  "--endpoint-reconciler-type=none",
                  // Fairness between many clients' request floods is not a lab cluster's
                  // problem; its bootstrap configuration costs start-up time.
                  "--enable-priority-and-fairness=false",
                  "--profiling=false"),
              Map.of(),
              ids.logs().resolve("kube-apiserver.log")));
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
      KubeControlPlane plane = new KubeControlPlane(name, dir, apiUrl, adminKubeconfig, started);
      plane.awaitReadyz("serving its administrator", SERVING);
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
