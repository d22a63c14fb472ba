package dev.fluxlab.embedded.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the control-plane processes of an environment by what labels them: a command line that
 * names a file inside the environment's state directory. Works from nothing but that directory's
 * path, so {@code teardown} stops what a killed owner left running.
 */
public final class ProcessSweep {
  private static final Path PROC = Path.of("/proc");

  private ProcessSweep() {}

  /** Kills every process whose command line refers into {@code envDir}; returns one line each. */
  public static List<String> kill(Path envDir) {
    List<String> killed = new ArrayList<>();
    for (ProcessHandle p : find(envDir)) {
      String what = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
      p.destroyForcibly();
      p.onExit().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join();
      killed.add("process " + p.pid() + " (" + what + ")");
    }
    return killed;
  }

  /** The processes labelled with {@code envDir}, never this one. */
  public static List<ProcessHandle> find(Path envDir) {
    String label = envDir.toAbsolutePath().normalize() + "/";
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .map(e -> e.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .filter(pid -> pid != self)
          .filter(pid -> commandLine(pid).contains(label))
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
    } catch (IOException e) {
      // No /proc (not Linux): nothing was started that this could find either.
    }
    return found;
  }

  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // gone meanwhile, or not ours to read
    }
  }
}
