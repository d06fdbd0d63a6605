package dev.exacme.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, with the Java runtime it runs on. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        var version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"exacme " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
