package dev.fluxlab.scenario;

import dev.fluxlab.sops.EnvironmentEncryption;
import java.nio.file.Path;

/** An {@code edit} step's new content, SOPS-encrypted as its {@code encrypt} asks. */
final class EditEncryption {
  private EditEncryption() {}

  static String content(Path envDir, Action.EditFile edit) {
    return switch (edit.encrypt() == null ? Action.EditFile.Encryption.NONE : edit.encrypt()) {
      case NONE -> edit.content();
      case ENVIRONMENT -> EnvironmentEncryption.forEnvironment(envDir, edit.file(), edit.content());
      case OTHER_KEY -> EnvironmentEncryption.forNobody(envDir, edit.file(), edit.content());
    };
  }
}
