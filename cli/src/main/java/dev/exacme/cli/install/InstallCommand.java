package dev.exacme.cli.install;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.schedule.Launcher;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code exacme install [--to DIR]}: copies the running exacme (its jar and launchers) to
 * where a schedule may run it, {@code %ProgramFiles%\exacme} or {@code /opt/exacme}, so that
 * {@code exacme schedule install} never schedules a build folder or a download directory.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Copies this exacme where a scheduled renewal can safely run it.",
            "%%ProgramFiles%%\\exacme on Windows (not yet run on Windows), /opt/exacme elsewhere, or --to DIR gets"
                + " exacme.jar and its launchers exacme and exacme.cmd, writable by their owner only (root, or the"
                + " Administrator installing). An earlier copy there is replaced only once the new"
                + " one is complete. Then run `schedule install` with the installed launcher. Needs root, or an"
                + " elevated Administrator on Windows."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:the copy failed (permissions, disk); an earlier copy is left as it was",
            "2:bad usage: not run from a jar, a launcher missing, --to a file or a directory holding other files"})
public final class InstallCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Install into DIR instead (a new or empty directory, or an earlier exacme install).")
    private Path to;

    private final Optional<Path> jar;
    private final boolean windows;
    private final Path defaultDirectory;

    /** The command for the running exacme on this machine. */
    public InstallCommand() {
        this(Launcher.jarOf(InstallCommand.class),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    private InstallCommand(Optional<Path> jar, boolean windows) {
        this(jar, windows, ProgramFiles.defaultDirectory(windows, System.getenv()));
    }

    /** The command for another jar, platform and default directory (tests). */
    InstallCommand(Optional<Path> jar, boolean windows, Path defaultDirectory) {
        this.jar = jar;
        this.windows = windows;
        this.defaultDirectory = defaultDirectory;
    }

    @Override
    public Integer call() throws InvalidRequest, IOException {
        var files = ProgramFiles.of(jar, windows);
        var directory = (to == null ? defaultDirectory : to).toAbsolutePath().normalize();
        var console = global.console();
        var document = console.newDocument();
        document.put("directory", directory.toString());
        var launcher = directory.resolve(windows ? Launcher.BATCH : Launcher.SHELL);
        document.put("launcher", launcher.toString());
        if (Files.isDirectory(directory) && Files.isSameFile(files.jar().getParent(), directory)) {
            document.put("outcome", "unchanged");
            console.result(document, "This exacme already runs from " + directory + "; nothing to copy.\n"
                    + "Schedule the renewal with: " + launcher + " schedule install\n");
            return 0;
        }
        var replacing = Files.exists(directory);
        List<Path> installed;
        try {
            installed = Installation.install(files.all(), directory);
        } catch (AccessDeniedException e) {
            throw new IOException(e.getFile() + ": permission denied. exacme install needs root (an elevated"
                    + " Administrator on Windows) to write " + directory.getParent() + "; nothing was changed.", e);
        }
        document.put("outcome", replacing ? "replaced" : "installed");
        if (!windows) {
            recordClassData(launcher);
        }
        var array = document.putArray("files");
        installed.forEach(path -> array.add(path.toString()));
        console.result(document, (replacing ? "Replaced the exacme in " : "Installed exacme in ") + directory + ": "
                + installed.stream().map(path -> path.getFileName().toString()).collect(Collectors.joining(", "))
                + ", writable by " + (windows ? "its owner, SYSTEM and Administrators" : "its owner ("
                + Files.getOwner(directory).getName() + ")") + " only.\n"
                + "Schedule the renewal with: " + (windows ? "\"" + launcher + "\"" : launcher) + " schedule install\n");
        return 0;
    }

    /**
     * Runs the installed launcher once, which records its class data archive of every command
     * there (exacme-commands.jsa, see the launcher) while the directory is still writable by
     * whoever installs; a run that cannot record it only leaves later runs slower.
     */
    private static void recordClassData(Path launcher) {
        try {
            var process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // no archive: the launcher records one at a later run if it can
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
