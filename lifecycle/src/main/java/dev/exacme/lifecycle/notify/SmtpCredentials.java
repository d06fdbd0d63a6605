package dev.exacme.lifecycle.notify;

/**
 * A user name and password for SMTP AUTH. {@link #toString()} shows the user only.
 *
 * @param username the user
 * @param password the password, resolved from the secret store just before use
 */
public record SmtpCredentials(String username, String password) {

    @Override
    public String toString() {
        return "SmtpCredentials[username=" + username + ", password=(hidden)]";
    }
}
