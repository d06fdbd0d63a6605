package dev.exacme.cli.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Whether a launcher may be what root or SYSTEM runs every day: an installed copy, not a
 * build folder. A Maven {@code target/} directory is emptied by {@code mvn clean} and
 * refilled by whoever builds next; a directory that others than the administrators can
 * write lets them choose what the schedule runs. Off Windows every directory from the
 * launcher up to {@code /}, the launcher and the {@code exacme.jar} it starts must belong
 * to root (or to whoever runs this, who is root when installing a schedule) and not be
 * writable by group or others; a sticky directory such as {@code /tmp} is fine, since
 * others cannot rename or delete what is in it. On Windows, where file ACLs name accounts
 * by localized names, the launcher must be under {@code %ProgramFiles%}, which only
 * administrators can change (not yet run on Windows).
 */
public final class InstalledCopy {

    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private InstalledCopy() {
    }

    /**
     * Why {@code launcher} should not be scheduled, or empty when it may be.
     *
     * @param programFiles {@code %ProgramFiles%} and its 32-bit twin, used on Windows only
     */
    public static Optional<String> problem(Path launcher, boolean windows, List<Path> programFiles) {
        var absolute = launcher.toAbsolutePath().normalize();
        for (var directory = absolute.getParent(); directory != null; directory = directory.getParent()) {
            var name = directory.getFileName();
            if (name != null && name.toString().equals("target") && directory.getParent() != null
                    && Files.isRegularFile(directory.getParent().resolve("pom.xml"))) {
                return Optional.of("The launcher " + absolute + " is in the build folder " + directory + " of the Maven"
                        + " project " + directory.getParent() + ": the next build or `mvn clean` changes or removes"
                        + " what the schedule would run.");
            }
        }
        return windows ? outsideProgramFiles(absolute, programFiles) : writableByOthers(absolute);
    }

    private static Optional<String> outsideProgramFiles(Path launcher, List<Path> programFiles) {
        if (programFiles.stream().anyMatch(directory -> launcher.startsWith(directory.toAbsolutePath().normalize()))) {
            return Optional.empty();
        }
        return Optional.of("The launcher " + launcher + " is not under " + (programFiles.isEmpty() ? "%ProgramFiles%"
                : programFiles.get(0)) + ", the one place whose permissions exacme knows let only administrators"
                + " change what SYSTEM would run.");
    }

    private static Optional<String> writableByOthers(Path launcher) {
        var paths = new LinkedHashSet<Path>();
        paths.add(launcher);
        paths.add(launcher.resolveSibling("exacme.jar"));
        paths.addAll(ancestors(launcher));
        try {
            // Links are followed: what the schedule runs is where they lead, and every directory on the way counts.
            paths.addAll(ancestors(launcher.toRealPath()));
            paths.add(launcher.toRealPath());
        } catch (IOException e) {
            return Optional.of("The launcher " + launcher + " cannot be read: " + e.getMessage());
        }
        var user = System.getProperty("user.name", "");
        for (var path : paths) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                continue;
            }
            try {
                var mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                var uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                var owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
                if (uid != 0 && !owner.equals(user)) {
                    return Optional.of(path + " belongs to " + owner + ", who could change what root would run every"
                            + " day (the launcher is " + launcher + ").");
                }
                var sticky = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && (mode & STICKY) != 0;
                if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && !sticky) {
                    return Optional.of(path + " can be written by others than its owner (mode "
                            + String.format("%04o", mode & 07777) + "), who could change what root would run every"
                            + " day (the launcher is " + launcher + ").");
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.of("The permissions of " + path + " cannot be read (" + e.getMessage() + "), so exacme"
                        + " cannot tell who could change what root would run every day.");
            }
        }
        return Optional.empty();
    }

    private static List<Path> ancestors(Path path) {
        var all = new ArrayList<Path>();
        for (var directory = path.getParent(); directory != null; directory = directory.getParent()) {
            all.add(directory);
        }
        return all;
    }
}
