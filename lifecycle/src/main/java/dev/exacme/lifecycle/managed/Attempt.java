package dev.exacme.lifecycle.managed;

import java.time.Instant;

/**
 * One issuance or renewal attempt in a certificate's history.
 *
 * @param time       when it ended
 * @param outcome    {@code issued}, {@code installed}, {@code deployed}, {@code failed}, {@code rolled-back}, {@code refused}
 * @param thumbprint the certificate it produced, or empty text
 * @param step       what failed ({@code usage}, {@code ca-refused}, {@code network}, {@code failure}), or empty text
 * @param message    the message shown to the person, or empty text
 */
public record Attempt(Instant time, String outcome, String thumbprint, String step, String message) {
}
