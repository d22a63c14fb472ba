package dev.fluxlab.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = FluxlabCommand.class.getPackage().getImplementationVersion();
    return new String[] {"fluxlab " + (v == null ? "development build" : v)};
  }
}
