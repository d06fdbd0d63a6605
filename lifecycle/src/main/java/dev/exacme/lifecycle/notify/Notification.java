package dev.exacme.lifecycle.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one renewal run has to tell: the outcome per certificate, on which host, when.
 * Every channel (mail, webhook, Windows Event Log) renders the same notification.
 *
 * @param host     the host the run happened on, as administrators know it
 * @param time     when the run finished
 * @param outcomes one entry per managed certificate the run looked at
 * @param test     whether this is {@code exacme notify test} rather than a real run
 */
public record Notification(String host, Instant time, List<CertificateOutcome> outcomes, boolean test) {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._@%+=:,/-]+");

    /** Copies the list; a missing host becomes {@code localhost}. */
    public Notification {
        host = host == null || host.isBlank() ? "localhost" : host;
        Objects.requireNonNull(time, "time");
        outcomes = List.copyOf(outcomes);
    }

    /** The notification of a renewal run that just finished on this host. */
    public static Notification of(List<CertificateOutcome> outcomes) {
        return new Notification(localHostName(), Instant.now(), outcomes, false);
    }

    /** The notification {@code exacme notify test} sends: one made-up outcome of each kind. */
    public static Notification test(String host) {
        return new Notification(host, Instant.now(), List.of(
                CertificateOutcome.renewed("example-renewed", "0000000000000000000000000000000000000000",
                        "2000-01-01T00:00:00Z"),
                CertificateOutcome.failed("example-failed",
                        "this is a test notification; nothing was renewed and nothing failed")),
                true);
    }

    /** Whether any certificate failed to renew. */
    public boolean anyFailed() {
        return outcomes.stream().anyMatch(CertificateOutcome::isFailed);
    }

    /** How many certificates failed. */
    public long failedCount() {
        return outcomes.stream().filter(CertificateOutcome::isFailed).count();
    }

    /** How many certificates were renewed. */
    public long renewedCount() {
        return outcomes.stream().filter(CertificateOutcome::isRenewed).count();
    }

    /** The commands that retry each failed certificate, e.g. {@code exacme renew www --force}. */
    public List<String> retryCommands() {
        return outcomes.stream().filter(CertificateOutcome::isFailed)
                .map(CertificateOutcome::retryCommand).toList();
    }

    /** The command that retries one certificate, its name quoted for a shell if it needs it. */
    public static String retryCommand(String name) {
        return "exacme renew " + shellWord(name) + " --force";
    }

    /** The command that deploys one certificate's current certificate again, without a new order. */
    public static String deployCommand(String name) {
        return "exacme deploy " + shellWord(name);
    }

    private static String shellWord(String name) {
        return SHELL_SAFE.matcher(name).matches() ? name : "'" + name.replace("'", "'\\''") + "'";
    }

    /** This host's name: the canonical name if the resolver knows it, else the plain host name. */
    public static String localHostName() {
        try {
            var local = InetAddress.getLocalHost();
            var canonical = local.getCanonicalHostName();
            return canonical.contains(".") && !canonical.equals(local.getHostAddress()) ? canonical
                    : local.getHostName();
        } catch (UnknownHostException e) {
            var fromEnvironment = System.getenv("COMPUTERNAME");
            return fromEnvironment != null ? fromEnvironment : "localhost";
        }
    }
}
