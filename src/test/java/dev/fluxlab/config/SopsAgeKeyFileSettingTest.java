package dev.fluxlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsAgeKeyFileSettingTest {
  private static Settings load(Path state, Path keyFile) {
    return SettingsLoader.builtIn()
        .withOverrides(List.of("state.dir=" + state, "sops.age.keyfile=" + keyFile))
        .load();
  }

  @Test
  void anAgeKeyFileIsTaken(@TempDir Path tmp) throws IOException {
    Path key =
        Files.writeString(
            tmp.resolve("keys.txt"),
            "# public key: age1x\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n");

    assertThat(load(tmp, key).sopsAgeKeyFile()).isEqualTo(key);
  }

  @Test
  void aFileWithoutAnAgeIdentityIsRefusedNamingTheSetting(@TempDir Path tmp) throws IOException {
    Path notAKey = Files.writeString(tmp.resolve("id_rsa.pub"), "ssh-rsa AAAA me@host\n");

    assertThatThrownBy(() -> load(tmp, notAKey))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "setting 'sops.age.keyfile' (from --set): "
                + notAKey
                + " has no age identity (a line AGE-SECRET-KEY-1...)");
    assertThatThrownBy(() -> load(tmp, tmp.resolve("missing")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("cannot be read");
  }
}
