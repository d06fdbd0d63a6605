package dev.exacme.acme.failure;

import org.shredzone.acme4j.exception.AcmeException;

/**
 * The directory URL answered, but not as an ACME directory: a 404, a web page, some other
 * JSON API, an https server spoken to in plain HTTP. The URL is wrong, not the network, so
 * {@link CaCall} makes it an {@link InvalidRequest} whose message names {@code --server}.
 * It is an acme4j exception only because it is raised where acme4j reads the directory.
 */
public final class WrongDirectory extends AcmeException {

    private static final long serialVersionUID = 1L;

    /** @param message the whole message for the person, naming the URL and what to give instead */
    public WrongDirectory(String message) {
        super(message);
    }
}
