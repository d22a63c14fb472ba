package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.ops.SourceFetch;
import dev.fluxlab.util.YamlPathEditor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code edit} steps: changes a file of a repository, commits, pushes and asks the sources to
 * fetch. Remembers each file's content before every edit of the scenario, for {@code revert}.
 */
final class EditStep {
  private final Environment env;

  /** File contents before each edit, newest last, for {@code revert}. */
  private final Map<String, List<String>> history = new HashMap<>();

  EditStep(Environment env) {
    this.env = env;
  }

  /** Forgets the history: a new scenario reverts only its own edits. */
  void reset() {
    history.clear();
  }

  void run(Action.EditFile edit) {
    String key = edit.repository() + ":" + edit.file();
    try (GitWorkspace ws = env.checkout(edit.repository())) {
      String before = ws.exists(edit.file()) ? ws.read(edit.file()) : null;
      if (edit.revert()) {
        List<String> previous = history.get(key);
        if (previous == null || previous.isEmpty()) {
          throw new FluxLabException(
              "nothing to revert: " + edit.file() + " was not edited in this scenario");
        }
        String original = previous.remove(previous.size() - 1);
        if (original == null) {
          ws.delete(edit.file());
        } else {
          ws.write(edit.file(), original);
        }
      } else {
        if (edit.delete()) {
          ws.delete(edit.file());
        } else if (edit.content() != null) {
          ws.write(edit.file(), EditEncryption.content(env.dir(), edit));
        } else if (before == null) {
          throw new FluxLabException(
              "no file " + edit.file() + " in repository " + edit.repository());
        } else if (edit.setPath() != null) {
          ws.write(edit.file(), YamlPathEditor.set(before, edit.setPath(), edit.setValue()));
        } else {
          if (!before.contains(edit.replaceText())) {
            throw new FluxLabException(
                "text '" + edit.replaceText() + "' not found in " + edit.file());
          }
          ws.write(edit.file(), before.replace(edit.replaceText(), edit.replaceWith()));
        }
        // null marks "did not exist": reverting deletes the file again.
        history.computeIfAbsent(key, k -> new ArrayList<>()).add(before);
      }
      if (ws.commitAndPush(edit.message()) == null) {
        throw new FluxLabException("the edit of " + edit.file() + " changed nothing");
      }
    }
    SourceFetch.request(env, edit.repository());
  }
}
