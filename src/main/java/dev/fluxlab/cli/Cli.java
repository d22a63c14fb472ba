package dev.fluxlab.cli;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.SettingsException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the fluxlab {@link CommandLine}: injected writers, one-line errors (stack traces only with
 * {@code --stacktrace}) and the exit codes of {@link ExitCodes}.
 */
public final class Cli {
  private Cli() {}

  public static CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new FluxlabCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(Cli::exitCode);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          FluxlabCommand root = commandLine.getCommandSpec().root().commandLine().getCommand();
          commandLine.getErr().println("fluxlab: " + oneLine(ex));
          if (root.stacktrace) {
            ex.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return exitCode(ex);
        });
    return cli;
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof SettingsException
        || ex instanceof InvalidInputException
        || ex instanceof picocli.CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  private static String oneLine(Throwable ex) {
    String message = ex.getMessage();
    if (message == null || !(ex instanceof FluxLabException || ex instanceof SettingsException)) {
      message = ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
    return message.lines().findFirst().orElse(message);
  }
}
