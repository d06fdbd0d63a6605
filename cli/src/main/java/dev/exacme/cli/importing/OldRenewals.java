package dev.exacme.cli.importing;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.schedule.ScheduleHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The other tool's own renewals, which {@code --disable-old} switches off so that two clients do
 * not renew the same certificates: win-acme's scheduled task, Certify The Web's service. Only
 * once exacme's own schedule is installed, so that the certificates are never left without
 * renewals. Runs {@code schtasks.exe} and {@code sc.exe} by absolute path, so that PATH cannot
 * substitute them; not yet run on Windows.
 */
sealed interface OldRenewals {

    /** Refuses unless this is Windows and exacme's renewal schedule is installed. */
    void requireExacmeSchedule() throws InvalidRequest, IOException;

    /** Disables the other tool's renewals; says what was done. */
    List<String> disable() throws IOException, InvalidRequest;

    /** {@code %SystemRoot%\System32\TOOL}. */
    static String systemTool(String tool) {
        return System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\" + tool;
    }

    /** Checks shared by both: Windows, and exacme's schedule in place. */
    static void requireExacmeSchedule(ScheduleHost host, String tool) throws InvalidRequest, IOException {
        if (!host.windows()) {
            throw new InvalidRequest("--disable-old switches off " + tool + " on Windows, where it runs; leave it out"
                    + " here.");
        }
        if (host.scheduler().installed().isEmpty()) {
            throw new InvalidRequest("--disable-old: exacme's own renewal schedule is not installed; run 'exacme"
                    + " schedule install' first, so that the certificates are never left without renewals.");
        }
    }

    /**
     * win-acme's or simple-acme's scheduled tasks ({@code TOOL renew (HOST)}, {@code tool} being
     * the one whose data was imported), disabled with {@code schtasks /Change /DISABLE}, not
     * deleted: enabling one again is the way back.
     */
    record ScheduledTasks(ScheduleHost host, String schtasks, String tool) implements OldRenewals {

        @Override
        public void requireExacmeSchedule() throws InvalidRequest, IOException {
            OldRenewals.requireExacmeSchedule(host, tool);
        }

        @Override
        public List<String> disable() throws IOException, InvalidRequest {
            var runner = host.runner();
            var listing = runner.require(List.of(schtasks, "/Query", "/FO", "CSV", "/NH"));
            var done = new ArrayList<String>();
            for (var task : renewalTasks(listing.output(), tool)) {
                runner.require(List.of(schtasks, "/Change", "/TN", task, "/DISABLE"));
                done.add("scheduled task '" + task + "' (schtasks /Change /TN \"" + task + "\" /ENABLE enables it"
                        + " again)");
            }
            if (done.isEmpty()) {
                done.add("no " + tool + " renewal task found; nothing disabled");
            }
            return done;
        }

        /** The renewal tasks among {@code schtasks /Query /FO CSV /NH}'s lines ("\TaskName","Next Run","Status"). */
        static List<String> renewalTasks(String csv, String tool) {
            var tasks = new ArrayList<String>();
            for (var line : csv.lines().toList()) {
                if (!line.startsWith("\"")) {
                    continue;
                }
                var end = line.indexOf('"', 1);
                if (end < 0) {
                    continue;
                }
                var task = line.substring(1, end);
                var leaf = task.substring(task.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
                if (leaf.startsWith(tool.toLowerCase(Locale.ROOT) + " renew") && !tasks.contains(task)) {
                    tasks.add(task);
                }
            }
            return tasks;
        }
    }

    /**
     * A Windows service that renews by itself (Certify The Web's, "Certify SSL Manager Service"),
     * found by its display name ({@code sc.exe GetKeyName}, since the key name depends on how it
     * was installed), stopped and set to start manually ({@code sc.exe config NAME start= demand}),
     * so that its console still opens.
     */
    record WindowsService(ScheduleHost host, String tool, String displayName, String sc) implements OldRenewals {

        @Override
        public void requireExacmeSchedule() throws InvalidRequest, IOException {
            OldRenewals.requireExacmeSchedule(host, tool);
        }

        @Override
        public List<String> disable() throws IOException {
            var runner = host.runner();
            var key = runner.run(List.of(sc, "GetKeyName", displayName));
            var name = key.succeeded() ? keyName(key.output()) : java.util.Optional.<String>empty();
            if (name.isEmpty()) {
                return List.of("no service '" + displayName + "' found; nothing disabled");
            }
            var service = name.get();
            runner.require(List.of(sc, "config", service, "start=", "demand"));
            var stop = runner.run(List.of(sc, "stop", service));
            // 1062: the service was not running, which is as good as stopped.
            if (!stop.succeeded() && !stop.output().contains("1062")) {
                throw new IOException("sc.exe stop " + service + " failed with exit code " + stop.exitCode() + ": "
                        + stop.output().strip());
            }
            return List.of("service " + service + " stopped and set to start manually (sc.exe config " + service
                    + " start= delayed-auto, then sc.exe start " + service + " undoes it)");
        }

        /** The key name in {@code sc.exe GetKeyName}'s answer ({@code [SC] GetServiceKeyName SUCCESS  Name = X}). */
        static java.util.Optional<String> keyName(String output) {
            var matcher = java.util.regex.Pattern.compile("Name\\s*=\\s*(\\S.*)").matcher(output);
            return matcher.find() ? java.util.Optional.of(matcher.group(1).strip()) : java.util.Optional.empty();
        }
    }
}
