package dev.fluxlab.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Credentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/** What any registry of an environment is started with, whichever backend runs it. */
class RegistryConfigTest {
  @Test
  void theHtpasswdLineHoldsABcryptHashOfThePasswordOnly() {
    String line = RegistryConfig.htpasswdLine(new Credentials("fluxlab", "right"));

    String hash = line.strip().substring("fluxlab:".length());
    assertThat(hash).startsWith("$2y$10$").doesNotContain("right");
    assertThat(OpenBSDBCrypt.checkPassword(hash, "right".toCharArray())).isTrue();
    assertThat(OpenBSDBCrypt.checkPassword(hash, "wrong".toCharArray())).isFalse();
  }

  @Test
  void theServingCertificateCoversTheStableNameAndAnAddressGivenAsIp() throws Exception {
    RegistryConfig.Tls tls = RegistryConfig.Tls.create(List.of("fluxlab-registry", "172.17.0.1"));

    X509Certificate cert = parse(tls.serving().certificatePem());
    cert.verify(parse(tls.caPem()).getPublicKey());
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(n -> n.get(0) + "=" + n.get(1))
        .contains(
            "2=fluxlab-registry", // dNSName
            "2=localhost",
            "7=172.17.0.1", // iPAddress
            "7=127.0.0.1");
  }

  @Test
  void theConfigQuotesEveryPath() {
    String yaml =
        RegistryConfig.yaml(
            ":5000", "/var/lib/my \"registry\"", "/etc/r/tls.crt", "/etc/r/tls.key", "/etc/r/pw");

    assertThat(yaml)
        .contains("  addr: \":5000\"")
        .contains("    rootdirectory: \"/var/lib/my \\\"registry\\\"\"")
        .contains("    certificate: \"/etc/r/tls.crt\"")
        .contains("    path: \"/etc/r/pw\"");
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
  }
}
