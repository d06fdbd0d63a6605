package dev.exacme.cli.schedule;

import dev.exacme.store.files.AtomicFiles;
import dev.exacme.store.files.FileProtection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file in {@code /etc/cron.d} for hosts without systemd. Cron notices new and changed
 * files there by itself; nothing needs reloading. The file is mode 0644: cron ignores files
 * that others can write.
 */
public final class CronScheduler implements Scheduler {

    /** The default file. */
    public static final Path CRON_FILE = Path.of("/etc/cron.d", CronEntry.FILE_NAME);

    private final Path file;

    public CronScheduler(Path file) {
        this.file = file;
    }

    @Override
    public String kind() {
        return "cron";
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Map<String, String> settings(RenewalSchedule schedule) {
        return CronEntry.settings(schedule);
    }

    @Override
    public Optional<Map<String, String>> installed() throws IOException {
        return read().map(CronEntry::settings);
    }

    @Override
    public List<String> install(RenewalSchedule schedule) throws IOException {
        AtomicFiles.replace(file, CronEntry.file(schedule).getBytes(StandardCharsets.UTF_8),
                FileProtection.everyone(), null);
        return List.of("Wrote " + file + " (cron reads it by itself; the time limit is not enforced under cron)");
    }

    @Override
    public List<String> remove() throws IOException {
        return Files.deleteIfExists(file) ? List.of("Deleted " + file)
                : List.of("Nothing to remove: " + file + " does not exist.");
    }

    @Override
    public Drift check(RenewalSchedule wanted) throws IOException {
        var installed = read();
        if (installed.isEmpty()) {
            return Drift.missing("no " + file);
        }
        var settings = CronEntry.settings(installed.get());
        var drift = Drift.compare(settings, settings(wanted), List.of());
        // A file that differs only matters on its own when no setting explains the difference.
        if (drift.differences().isEmpty() && !installed.get().equals(CronEntry.file(wanted))) {
            return Drift.compare(settings, settings(wanted), List.of(file + " differs from what this exacme writes"));
        }
        return drift;
    }

    private Optional<String> read() throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
    }
}
