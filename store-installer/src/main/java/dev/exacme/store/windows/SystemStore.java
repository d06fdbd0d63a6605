package dev.exacme.store.windows;

/** The {@code LocalMachine} system stores exacme writes to. */
public enum SystemStore {
    /** {@code LocalMachine\My}: certificates with their private keys. */
    MY("MY"),
    /** {@code LocalMachine\CA}: intermediate certification authorities. */
    CA("CA");

    private final String nativeName;

    SystemStore(String nativeName) {
        this.nativeName = nativeName;
    }

    /** The name {@code CertOpenStore(CERT_STORE_PROV_SYSTEM_W, ...)} takes. */
    public String nativeName() {
        return nativeName;
    }
}
