package dev.exacme.acme.network;

/**
 * A proxy's basic-authentication user and password. The password is a secret: it is never
 * part of {@link #toString()} or any message.
 */
public record ProxyCredentials(String user, String password) {

    public ProxyCredentials {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a proxy user name is required");
        }
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "ProxyCredentials[user=" + user + ", password=(hidden)]";
    }
}
