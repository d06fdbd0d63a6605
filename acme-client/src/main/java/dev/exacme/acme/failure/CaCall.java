package dev.exacme.acme.failure;

import dev.exacme.acme.network.ResponseDeadlineExceeded;
import dev.exacme.acme.network.ResponseTooLarge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Runs one exchange with the CA and turns whatever acme4j throws into an
 * {@link AcmeFailure} that says what exacme was doing, at which URL, and what the CA said.
 *
 * <p>acme4j's own messages are terse ("HTTP 500") and do not name the URL; every call to
 * the CA goes through here so that no failure reaches the administrator without context.
 */
public final class CaCall {

    /** A call to the CA through acme4j. */
    @FunctionalInterface
    public interface Body<T> {
        T call() throws AcmeException;
    }

    /** A call to the CA through acme4j that returns nothing. */
    @FunctionalInterface
    public interface VoidBody {
        void call() throws AcmeException;
    }

    private static final String RESOLVE_HINT = " (check the host name in --server; if it is right, this machine's"
            + " DNS did not resolve it)";
    private static final Pattern TUNNEL_FAILED = Pattern.compile("Tunnel failed, got: (\\d{3})");

    private CaCall() {
    }

    /**
     * Runs {@code body}, translating failures.
     *
     * @param action what is being done, as a gerund phrase ("creating the order")
     * @param where  the URL involved, for the message
     */
    public static <T> T attempt(String action, Object where, Body<T> body) throws AcmeFailure {
        try {
            return body.call();
        } catch (AcmeLazyLoadingException e) {
            throw translate(action, where, e.getCause() instanceof AcmeException cause ? cause : e);
        } catch (AcmeException | AcmeProtocolException e) {
            throw translate(action, where, e);
        } catch (UncheckedIOException e) {
            // acme4j reads JSON bodies with BufferedReader.lines(), which wraps a failed read
            // (a body cut off, too large or too slow) this way: it is still a network failure.
            throw translate(action, where, new AcmeNetworkException(e.getCause()));
        }
    }

    /** As {@link #attempt(String, Object, Body)} for calls without a result. */
    public static void run(String action, Object where, VoidBody body) throws AcmeFailure {
        attempt(action, where, () -> {
            body.call();
            return null;
        });
    }

    /** Translates one acme4j exception; public for callers that catch it themselves. */
    public static AcmeFailure translate(String action, Object where, Exception e) {
        var wrongDirectory = causeOf(e, WrongDirectory.class);
        if (wrongDirectory.isPresent()) {
            return new InvalidRequest(wrongDirectory.get().getMessage());
        }
        if (e instanceof AcmeRateLimitedException limited) {
            var report = report(limited.getProblem());
            Optional<Instant> retry = limited.getRetryAfter();
            var message = "The CA is rate limiting this client while " + action + " (" + where + "): "
                    + report.describe()
                    + retry.map(at -> System.lineSeparator() + "Try again after " + at
                            + " (in " + humanDuration(Duration.between(Instant.now(), at)) + ").")
                        .orElse(System.lineSeparator() + "The CA did not say when to try again.");
            return new CaRefused(message, report, retry.orElse(null));
        }
        if (e instanceof AcmeUserActionRequiredException userAction) {
            var report = report(userAction.getProblem());
            var message = "The CA requires action by a person before " + action + " (" + where + "): "
                    + report.describe()
                    + userAction.getTermsOfServiceUri().map(tos -> System.lineSeparator()
                            + "New terms of service: " + tos + "; agree with --agree-tos.").orElse("");
            return new CaRefused(message, report, null);
        }
        if (e instanceof AcmeServerException server) {
            var report = report(server.getProblem());
            if (report.type().equals("badNonce")) {
                // acme4j has already retried with a fresh nonce each time; the CA (or a
                // balancer in front of it) is losing track of its nonces, which passes.
                return new NetworkFailure("The CA kept rejecting its own fresh nonces while " + action + " (" + where
                        + "), even after acme4j's retries: " + report.describe() + System.lineSeparator()
                        + "This is a passing fault of the CA; try again later.", server);
            }
            if (report.type().equals("serverInternal")) {
                return new NetworkFailure("The CA failed internally while " + action + " (" + where + "): "
                        + report.describe() + System.lineSeparator()
                        + "This is a fault of the CA, not of the request; try again later.", server);
            }
            return new CaRefused("The CA refused " + action + " (" + where + "): " + report.describe(),
                    report, null);
        }
        if (e instanceof AcmeNetworkException network) {
            var tooLarge = causeOf(network, ResponseTooLarge.class);
            if (tooLarge.isPresent()) {
                // Not worth trying again: a CA that answers like this is broken or not a CA.
                return new ProtocolFailure("The CA's answer while " + action + " (" + where + ") was refused: "
                        + tooLarge.get().getMessage() + ".", network);
            }
            var late = causeOf(network, ResponseDeadlineExceeded.class);
            if (late.isPresent()) {
                return new NetworkFailure("The CA did not answer in time while " + action + " (" + where + "): "
                        + late.get().getMessage() + "; try again later.", network);
            }
            return new NetworkFailure("Could not reach the CA while " + action + " (" + where + "): "
                    + explain(network.getCause()), network);
        }
        if (e instanceof AcmeProtocolException protocol) {
            return new ProtocolFailure("The CA's answer while " + action + " (" + where
                    + ") is not valid ACME: " + protocol.getMessage(), protocol);
        }
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.equals("HTTP 407")) {
            // Only a proxy answers 407; the CA never saw the request.
            return new NetworkFailure("The proxy asked for credentials (HTTP 407 Proxy Authentication Required) while "
                    + action + " (" + where + "); give them with --proxy-credentials-file.", e);
        }
        if (message.startsWith("HTTP ")) {
            // acme4j's words for an error status without a problem document: a proxy or
            // load balancer in trouble more often than the CA deciding something.
            return new NetworkFailure("The CA answered " + message + " without an explanation while "
                    + action + " (" + where + "); it may be unavailable, try again later.", e);
        }
        return new ProtocolFailure("Failed while " + action + " (" + where + "): " + message, e);
    }

    /** Reduces an acme4j problem to our record, keeping sub-problems. */
    public static ProblemReport report(Problem problem) {
        var type = problem.getType().toString();
        var prefix = "urn:ietf:params:acme:error:";
        if (type.startsWith(prefix)) {
            type = type.substring(prefix.length());
        }
        var detail = problem.getDetail().orElse(problem.getTitle().orElse(""));
        var identifier = problem.getIdentifier().map(id -> id.getValue());
        var subs = problem.getSubProblems().stream().map(CaCall::report).toList();
        return new ProblemReport(type, detail, identifier, subs);
    }

    /**
     * The first exception of {@code type} among the causes. The JDK wraps an error that ended
     * a response body in a new IOException, and acme4j wraps that, so it is never the first.
     */
    private static <X extends Throwable> Optional<X> causeOf(Throwable failure, Class<X> type) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String explain(Throwable cause) {
        if (cause == null) {
            return "no details";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out (" + cause.getMessage() + ")";
        }
        if (cause instanceof ConnectException && causeOf(cause, UnresolvedAddressException.class).isPresent()) {
            // How the JDK's HttpClient reports a name it could not resolve.
            return "its host name did not resolve" + RESOLVE_HINT;
        }
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof UnknownHostException) {
            // Stays a network failure: the JDK does not tell a name that does not exist from a DNS
            // server that did not answer, and only the second is worth trying again.
            return "unknown host " + cause.getMessage() + RESOLVE_HINT;
        }
        var tunnel = cause.getMessage() == null ? null : TUNNEL_FAILED.matcher(cause.getMessage());
        if (tunnel != null && tunnel.find()) {
            var status = Integer.parseInt(tunnel.group(1));
            return "the proxy refused the tunnel to the CA with HTTP " + status + switch (status) {
                case 401, 407 -> " (missing or wrong proxy credentials: check --proxy-credentials-file)";
                case 403 -> " (the proxy does not allow this destination or this client)";
                default -> "";
            };
        }
        if (cause instanceof SSLException) {
            return "TLS failed (" + cause.getMessage() + "); if the CA uses a private root, pass it with --trust";
        }
        if (cause instanceof IOException && cause.getCause() != null) {
            return cause.getMessage() + " (" + explain(cause.getCause()) + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    static String humanDuration(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "now";
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds + 59) / 60 + " min";
        }
        return (seconds + 3599) / 3600 + " h";
    }
}
