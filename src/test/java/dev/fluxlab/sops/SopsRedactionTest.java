package dev.fluxlab.sops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SopsRedactionTest {
  @Test
  void aValueSopsQuotesInAnErrorIsRedacted() {
    assertThat(
            Sops.redact(
                "Error decrypting tree: Input string hunter2 does not match sops' data format\n"))
        .isEqualTo(
            "Error decrypting tree: Input string <redacted> does not match sops' data format")
        .doesNotContain("hunter2");
  }
}
