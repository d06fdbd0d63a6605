package dev.exacme.acme.ca;

import dev.exacme.acme.failure.WrongDirectory;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Tells a wrong {@code --server} from a CA in trouble on the first read of the directory.
 * A URL that answers 404 or another 4xx, a web page, JSON without any ACME resource, or
 * garbage to plain HTTP is the wrong URL: trying again later would not help, so it becomes
 * a {@link WrongDirectory}. Timeouts, refused connections and 5xx stay what acme4j says
 * (network failures), and so does a CA's own problem document.
 */
final class DirectoryCheck {

    /** RFC 8555 §7.1.1: the resources every ACME directory has. */
    private static final List<String> REQUIRED = List.of("newNonce", "newAccount", "newOrder");
    private static final Pattern STATUS = Pattern.compile("HTTP (\\d{3})");
    private static final Pattern CONTENT_TYPE = Pattern.compile("Unexpected content type: (.*)");

    /** The directory read. */
    @FunctionalInterface
    interface Read {
        JSON call() throws AcmeException;
    }

    private DirectoryCheck() {
    }

    /** Runs the read of {@code directory}, turning the answers of a wrong URL into {@link WrongDirectory}. */
    static JSON read(URI directory, Read read) throws AcmeException {
        try {
            return read.call();
        } catch (AcmeServerException e) {
            // A problem document: an ACME server answered and explained itself.
            throw e;
        } catch (AcmeNetworkException e) {
            if (plainHttp(directory) && notHttp(e)) {
                throw wrong(directory, "its answer to plain HTTP is not HTTP, as when an https server is spoken to"
                        + " without TLS; if it is an https server, give --server https"
                        + directory.toString().substring("http".length()));
            }
            throw e;
        } catch (AcmeProtocolException e) {
            var type = CONTENT_TYPE.matcher(String.valueOf(e.getMessage()));
            if (type.matches()) {
                throw wrong(directory, "it answered with " + type.group(1) + " (a web page or file, not the JSON"
                        + " directory of an ACME CA)");
            }
            throw e;
        } catch (AcmeException e) {
            var status = STATUS.matcher(String.valueOf(e.getMessage()));
            if (status.lookingAt() && wrongUrlStatus(Integer.parseInt(status.group(1)))) {
                var code = Integer.parseInt(status.group(1));
                throw wrong(directory, "it answered HTTP " + code + (code == 404 ? " (not found)" : "")
                        + (code == 400 && plainHttp(directory) ? "; https servers answer plain HTTP that way: if it"
                                + " is one, give --server https" + directory.toString().substring("http".length())
                                : ""));
            }
            throw e;
        }
    }

    /**
     * Refuses JSON with none of the resources of an ACME directory. One with some of them is
     * an ACME server with a broken directory: that stays for the step that needs the missing one.
     */
    static void requireAcmeResources(URI directory, JSON json) throws WrongDirectory {
        if (json != null && REQUIRED.stream().noneMatch(json::contains)) {
            throw wrong(directory, "its JSON has none of the resources of an ACME directory ("
                    + String.join(", ", REQUIRED) + ")");
        }
    }

    /** Statuses that mean the URL is wrong, not that the server is busy or a proxy wants credentials. */
    private static boolean wrongUrlStatus(int status) {
        return status >= 400 && status < 500 && status != 407 && status != 408 && status != 429;
    }

    private static boolean plainHttp(URI directory) {
        return "http".equals(directory.getScheme().toLowerCase(Locale.ROOT));
    }

    /** The JDK's words when the bytes that came back are not an HTTP response (a TLS alert, say). */
    private static boolean notHttp(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            var message = String.valueOf(cause.getMessage());
            if (message.contains("Invalid status line") || message.contains("Invalid response")) {
                return true;
            }
        }
        return false;
    }

    private static WrongDirectory wrong(URI directory, String why) {
        return new WrongDirectory("--server " + directory + " is not an ACME directory: " + why + ". Give the"
                + " CA's directory URL with --server. " + CaServer.knownDirectories());
    }
}
