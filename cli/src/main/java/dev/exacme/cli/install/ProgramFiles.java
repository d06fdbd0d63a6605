package dev.exacme.cli.install;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.schedule.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files that make up an exacme: {@code exacme.jar} and, next to it, the launchers
 * {@code exacme} (sh) and {@code exacme.cmd} (Windows), this platform's one required; and
 * where they are installed by default: {@code %ProgramFiles%\exacme} on Windows,
 * {@code /opt/exacme} elsewhere.
 *
 * @param jar       the running {@code exacme.jar}
 * @param launchers the launchers found next to it
 */
public record ProgramFiles(Path jar, List<Path> launchers) {

    public ProgramFiles {
        launchers = List.copyOf(launchers);
    }

    /** Where an install goes without {@code --to}. */
    public static Path defaultDirectory(boolean windows, Map<String, String> environment) {
        if (!windows) {
            return Path.of("/opt/exacme");
        }
        var programFiles = Optional.ofNullable(environment.get("ProgramFiles")).filter(value -> !value.isBlank())
                .orElse("C:\\Program Files");
        return Path.of(programFiles, "exacme");
    }

    /** The files of the exacme that {@code jar} belongs to, refused when this platform's launcher is missing. */
    public static ProgramFiles of(Optional<Path> jar, boolean windows) throws InvalidRequest {
        var found = jar.orElseThrow(() -> new InvalidRequest("exacme install copies the running exacme.jar and its"
                + " launchers, but this exacme does not run from a jar (tests, an IDE). Run the exacme launcher of a"
                + " build (cli/target/exacme) or of a download."));
        var launchers = new ArrayList<Path>();
        for (var name : List.of(Launcher.SHELL, Launcher.BATCH)) {
            var launcher = found.resolveSibling(name);
            if (Files.isRegularFile(launcher)) {
                launchers.add(launcher);
            } else if (name.equals(windows ? Launcher.BATCH : Launcher.SHELL)) {
                throw new InvalidRequest("The launcher " + launcher + " is missing: exacme install copies it with "
                        + found + ", and the installed exacme would not start without it. Put it back (it ships with"
                        + " exacme) and run exacme install again.");
            }
        }
        return new ProgramFiles(found, launchers);
    }

    /** The jar, then the launchers. */
    public List<Path> all() {
        var all = new ArrayList<Path>();
        all.add(jar);
        all.addAll(launchers);
        return all;
    }
}
