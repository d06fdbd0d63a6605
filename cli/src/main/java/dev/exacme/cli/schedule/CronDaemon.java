package dev.exacme.cli.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a cron daemon that reads {@code /etc/cron.d} is installed: Debian's and Ubuntu's
 * {@code cron} ({@code /usr/sbin/cron}) or cronie, Fedora's and RHEL's ({@code /usr/sbin/crond}).
 * The binary is what counts, not an init script: {@code apt-get remove cron} leaves
 * {@code /etc/init.d/cron} behind. BusyBox's {@code crond} does not count either: it reads
 * only the per-user crontabs in {@code /var/spool/cron/crontabs}, never {@code /etc/cron.d},
 * so a file there would never run.
 */
public final class CronDaemon {

    /** Where the daemons' packages install them (/sbin for systems without merged /usr). */
    public static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/cron"), Path.of("/usr/sbin/crond"),
            Path.of("/sbin/cron"), Path.of("/sbin/crond"));

    private CronDaemon() {
    }

    /** The first of {@code locations} that is an executable cron daemon other than BusyBox's. */
    public static Optional<Path> installed(List<Path> locations) {
        return locations.stream().filter(location -> Files.isRegularFile(location) && Files.isExecutable(location)
                && !busybox(location)).findFirst();
    }

    /** Why none of {@code locations} will run {@code cronFile}, and what to do: for a refusal. */
    public static String missing(List<Path> locations, Path systemdRuntime, Path cronFile) {
        var busybox = locations.stream().filter(location -> Files.isRegularFile(location) && busybox(location))
                .findFirst();
        var found = busybox.map(path -> "only BusyBox's crond is installed (" + path + "), which reads"
                + " /var/spool/cron/crontabs and never " + cronFile.getParent())
                .orElse("no cron daemon is installed (none of " + locations.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")) + ")");
        return "No scheduler on this machine would run the daily renewal: systemd is not the running init ("
                + systemdRuntime + " does not exist) and " + found + ". Nothing was installed. Install cron"
                + " (Debian, Ubuntu: apt-get install cron; Fedora, RHEL: dnf install cronie; then start it), or run"
                + " exacme on a machine or container booted with systemd, then run `exacme schedule install` again.";
    }

    private static boolean busybox(Path location) {
        try {
            // BusyBox applets are links to the one busybox binary.
            return location.toRealPath().getFileName().toString().startsWith("busybox");
        } catch (IOException e) {
            return false;
        }
    }
}
