package dev.exacme.lifecycle.notify;

import dev.exacme.acme.failure.InvalidRequest;
import java.util.regex.Pattern;

/** A plain mail address ({@code local@domain}), the only form exacme puts in headers and SMTP commands. */
final class MailAddress {

    // Deliberately narrow: no display names, comments, quotes, brackets, spaces or line breaks,
    // so that an address can never inject a header or an SMTP command.
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+");

    private MailAddress() {
    }

    static void check(String address, String option) throws InvalidRequest {
        if (address == null || address.isBlank()) {
            throw new InvalidRequest("the SMTP settings need " + option + " ADDRESS.");
        }
        if (!ADDRESS.matcher(address).matches() || address.length() > 254) {
            throw new InvalidRequest(option + " '" + address + "' is not a plain mail address (local@domain).");
        }
    }
}
