package dev.exacme.cli.status;

import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.lifecycle.timing.RenewalTiming;
import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code exacme status}, also what {@code exacme} alone shows: every managed certificate,
 * the schedule and the notifications on one screen, and what needs attention first; with
 * {@code --json} the document a monitoring check (Nagios, PRTG) reads, exit code 1 when
 * anything needs attention. Reads only: asks no CA and changes nothing.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows what needs attention, certificates, schedule, notifications.",
            "",
            "First what needs attention (damaged definitions, expired or failed certificates, pending deployments,"
                    + " overdue renewals, a schedule not installed, differing, not running this exacme or not run"
                    + " lately, no notifications), each with the command that fixes it, most severe first; then every"
                    + " managed certificate (phase, expiry, share of its lifetime left, next renewal and why, store,"
                    + " deployment targets), the schedule (installed, last run, next run) and the notifications."
                    + " `exacme` with no arguments, or with only --json, --config-dir, -q or -v (a monitoring"
                    + " check's `exacme --json`), shows the same. Asks no CA and changes nothing.",
            "",
            "With --json, besides the envelope: attention [{severity (critical|warning|notice), subject (a"
                    + " certificate's name, schedule or notifications), message, fix}]; certificates [{name, problem"
                    + " (null unless the file cannot be read, then the only other field), domains, thumbprint, phase,"
                    + " notBefore, notAfter, lifetimeLeftPercent, renewAt, next (order|deploy|nothing), why,"
                    + " lastAttempt {time, outcome, step, message}, store, targets [{target, deployed}]}]; schedule"
                    + " {scheduler, location, installed, inSync, runsThisExacme, differences [], lastRun {started,"
                    + " finished, exitCode, renewed, failed}, nextRun {earliest, latest}, problem}; notifications"
                    + " {configured, file, saved, mail {host, port, security, onSuccess, to []}, webhook, eventLog,"
                    + " eventLogWritten, problem}. Times are ISO-8601 UTC; a field not known is null."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:nothing needs attention",
            "1:something needs attention (listed first; with --json status partial and the attention array),"
                    + " or the state directory cannot be read",
            ExitCodes.LOCAL_USAGE})
public final class StatusCommand implements Callable<Integer> {

    private final ScheduleHost host;
    private final Clock clock;

    @Mixin
    private GlobalOptions global;

    /** The command for this machine, now. */
    public StatusCommand() {
        this(ScheduleHost.thisMachine(), Clock.systemDefaultZone());
    }

    /** The command for another host description and clock (tests). */
    StatusCommand(ScheduleHost host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        var console = global.console();
        var configDirectory = global.configDirectory();
        var now = ZonedDateTime.now(clock);
        var schedule = ScheduleStatus.read(host, configDirectory, now);
        var timing = new RenewalTiming(schedule.gap().betweenStarts());
        var certificates = CertificateStatus.all(Pipelines.managed(configDirectory), now.toInstant(), timing);
        var notifications = NotificationStatus.read(configDirectory);
        var attention = Triage.of(certificates, schedule, notifications, now.toInstant());
        var document = StatusDocument.fill(console.newDocument(), certificates, schedule, notifications, attention,
                now.toInstant());
        var text = StatusScreen.text(configDirectory, certificates, schedule, notifications, attention,
                now.toInstant(), TerminalWidth.current());
        return console.result(document, text, attention.isEmpty() ? 0 : 1);
    }
}
