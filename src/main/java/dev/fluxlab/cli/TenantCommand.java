package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.TenantOnboarding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "tenant",
    mixinStandardHelpOptions = true,
    description = "Manage tenants of a multi-tenancy environment.",
    subcommands = TenantCommand.Add.class)
final class TenantCommand {
  @Command(
      name = "add",
      description =
          "Onboard a tenant: give it a git identity of its own (it can push to its own repository"
              + " only), write its rbac/sync into the platform repository, create and seed its"
              + " own repository, push, and wait until it is Ready on every cluster.")
  static final class Add extends EnvCommand {
    @Parameters(paramLabel = "NAME", description = "Tenant name.")
    String tenant;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Tenant namespace (default: the tenant name).")
    String namespace;

    @Override
    public Integer call() {
      Settings settings = settings();
      try (Environment env = attach(settings)) {
        long start = System.nanoTime();
        String ns = namespace != null ? namespace : tenant;
        new TenantOnboarding(env, settings.podinfoStartVersion(), settings.readyTimeout())
            .add(tenant, ns);
        out()
            .printf(
                "tenant %s is Ready in namespace %s on %s (%d ms); its repository: %s;"
                    + " its git credentials: %s%n",
                tenant,
                ns,
                String.join(", ", env.clusters()),
                (System.nanoTime() - start) / 1_000_000,
                env.repositoryUrl(tenant),
                env.gitIdentityFile(tenant));
        return ExitCodes.OK;
      }
    }
  }
}
