package dev.fluxlab.embedded.source;

import dev.fluxlab.util.IgnoreDefaults;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Decides which repository paths go into a GitRepository artifact, with gitignore semantics (last
 * matching rule wins, '!' re-includes): source-controller's default exclusions, then the {@code
 * .sourceignore} files, then {@code spec.ignore}.
 */
final class SourceIgnore {
  private final List<Scoped> rules = new ArrayList<>();

  private record Scoped(String dir, FastIgnoreRule rule) {}

  SourceIgnore() {
    IgnoreDefaults.VCS_AND_EXTENSIONS.forEach(p -> add("", p));
    IgnoreDefaults.CI_AND_EXTRA.forEach(p -> add("", p));
  }

  /** Adds the lines of an ignore file found in {@code dir} ("" for the root). */
  SourceIgnore addFile(String dir, String content) {
    content.lines().forEach(line -> add(dir, line));
    return this;
  }

  private void add(String dir, String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("#")) {
      return;
    }
    rules.add(new Scoped(dir, new FastIgnoreRule(l)));
  }

  /** Whether the path (relative to the repository root, '/' separated) is left out. */
  boolean isIgnored(String path, boolean directory) {
    boolean ignored = false;
    for (Scoped s : rules) {
      String relative;
      if (s.dir().isEmpty()) {
        relative = path;
      } else if (path.startsWith(s.dir() + "/")) {
        relative = path.substring(s.dir().length() + 1);
      } else {
        continue;
      }
      if (s.rule().isMatch(relative, directory)) {
        ignored = s.rule().getResult();
      }
    }
    return ignored;
  }
}
