package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class PkiTest {
  @Test
  void aClientCertificateCarriesTheUserAsCnAndTheGroupsAsOAndIsSignedByTheCa() throws Exception {
    Pki pki = Pki.create("test");
    X509Certificate ca = parse(pki.caPem());
    X509Certificate admin =
        parse(pki.client("fluxlab-admin", List.of("system:masters")).certificatePem());

    admin.verify(ca.getPublicKey());
    String subject = admin.getSubjectX500Principal().getName(X500Principal.RFC2253);
    assertThat(subject).contains("CN=fluxlab-admin").contains("O=system:masters");
    assertThat(admin.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
    assertThat(admin.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void aServerCertificateNamesLoopbackAndIsNotTrustedByAnotherCa() throws Exception {
    Pki pki = Pki.create("one");
    X509Certificate server =
        parse(pki.server("kube-apiserver", List.of("kubernetes")).certificatePem());

    List<Object> names =
        server.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList();
    assertThat(names).contains("localhost", "kubernetes", "127.0.0.1");
    X509Certificate otherCa = parse(Pki.create("two").caPem());
    assertThatThrownBy(() -> server.verify(otherCa.getPublicKey()))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keysArePkcs8AndEachIsNew() {
    Pki pki = Pki.create("keys");
    String a = pki.client("a", List.of()).keyPem();
    String b = pki.client("b", List.of()).keyPem();
    assertThat(a).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(a).isNotEqualTo(b);
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
