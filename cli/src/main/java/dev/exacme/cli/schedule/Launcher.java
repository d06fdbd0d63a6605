package dev.exacme.cli.schedule;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the launcher a schedule runs: {@value #SHELL} (or {@value #BATCH} on Windows) in the
 * directory of the running {@code exacme.jar}, which the launcher itself starts with the
 * JVM options exacme needs.
 */
public final class Launcher {

    public static final String SHELL = "exacme";
    public static final String BATCH = "exacme.cmd";

    private Launcher() {
    }

    /** The jar {@code type} was loaded from; empty when it came from a directory (tests, IDEs). */
    public static Optional<Path> jarOf(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            var path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")
                    ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The launcher's path next to {@code jar}. */
    public static Path besideJar(Path jar, boolean windows) {
        return jar.toAbsolutePath().getParent().resolve(windows ? BATCH : SHELL);
    }

    /** A launcher the person named ({@code --launcher}), made absolute and checked like the one found. */
    public static Path named(Path launcher, boolean windows) throws InvalidRequest {
        var absolute = launcher.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || (!windows && !Files.isExecutable(absolute))) {
            throw new InvalidRequest("--launcher " + launcher + ": " + absolute + " is not " + (windows
                    ? "a file" : "an executable file") + "; give the exacme launcher (" + (windows ? BATCH : SHELL)
                    + ") of an installed exacme.");
        }
        return absolute;
    }

    /** The launcher of this exacme, checked to exist (and, off Windows, to be executable). */
    public static Path locate(Class<?> anchor, boolean windows) throws InvalidRequest {
        var jar = jarOf(anchor).orElseThrow(() -> new InvalidRequest("A schedule runs the exacme launcher next to "
                + "exacme.jar, but this exacme does not run from a jar ("
                + anchor.getProtectionDomain().getCodeSource() + "). Run the installed exacme."));
        var launcher = besideJar(jar, windows);
        if (!Files.isRegularFile(launcher) || (!windows && !Files.isExecutable(launcher))) {
            throw new InvalidRequest("The launcher " + launcher + " is missing or not executable; the schedule would"
                    + " run it. Put it back next to " + jar + " (it ships with exacme).");
        }
        return launcher;
    }
}
