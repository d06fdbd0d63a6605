package dev.exacme.lifecycle.network;

/** Where the proxy setting in force came from; the first one that has a setting wins. */
public enum ProxySource {
    /** {@code --proxy} on the command line ({@code --proxy direct} forces no proxy). */
    OPTION("the --proxy option"),
    /** {@code exacme network set}, kept in {@code network.json} in the state directory. */
    SAVED("the saved settings (exacme network set)"),
    /** {@code HTTPS_PROXY} or {@code HTTP_PROXY} (either case) in the environment. */
    ENVIRONMENT("the environment"),
    /** The machine-wide WinHTTP proxy ({@code netsh winhttp set proxy}). */
    WINHTTP("the Windows WinHTTP proxy (netsh winhttp)"),
    /** Nothing set anywhere: direct connections. */
    NONE("nowhere: no proxy is configured");

    private final String description;

    ProxySource(String description) {
        this.description = description;
    }

    /** Where, in words. */
    public String description() {
        return description;
    }
}
