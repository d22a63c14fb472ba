package dev.fluxlab.junit;

import dev.fluxlab.scenario.Action;
import dev.fluxlab.scenario.Step;

/** One change to one file of a repository, committed and pushed by {@link #push}. */
public final class GitChange {
  private final FluxLabEnvironment env;
  private final String file;
  private String repository;
  private String setPath;
  private String setValue;
  private String replaceText;
  private String replaceWith;
  private String content;
  private boolean delete;

  GitChange(FluxLabEnvironment env, String repository, String file) {
    this.env = env;
    this.repository = repository;
    this.file = file;
  }

  /** Another repository of the environment (e.g. a tenant's). */
  public GitChange inRepository(String name) {
    this.repository = name;
    return this;
  }

  /** Sets the scalar at a YAML path (comments and layout are kept). */
  public GitChange set(String yamlPath, String value) {
    this.setPath = yamlPath;
    this.setValue = value;
    return this;
  }

  /** Replaces text; the text must occur in the file. */
  public GitChange replace(String text, String with) {
    this.replaceText = text;
    this.replaceWith = with;
    return this;
  }

  /** Writes the whole file. */
  public GitChange content(String text) {
    this.content = text;
    return this;
  }

  public GitChange delete() {
    this.delete = true;
    return this;
  }

  /** Undoes the last change this test pushed to the file. */
  public GitChange revert() {
    return push0(true, "revert " + file);
  }

  /** Commits, pushes and asks the sources that track the repository to fetch. */
  public GitChange push(String message) {
    return push0(false, message);
  }

  private GitChange push0(boolean revert, String message) {
    env.execute(
        new Step(
            "edit " + file,
            null,
            null,
            new Action.EditFile(
                repository,
                file,
                setPath,
                setValue,
                replaceText,
                replaceWith,
                content,
                delete,
                revert,
                message,
                Action.EditFile.Encryption.NONE)));
    return this;
  }
}
