package dev.exacme.cli.distribution;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top folder, found upwards from the module Surefire runs in. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The repository root. */
    public static Path find() {
        for (var directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve(".ci/run")) && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no repository (.ci/run beside pom.xml) above " + Path.of("").toAbsolutePath());
    }
}
