package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest (none when run from classes). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = MlopsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"mlops " + (v == null ? "(development build)" : v)};
    }
}
