package dev.exacme.lifecycle.deploy;

import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.WireProbe;
import dev.exacme.exchange.verify.WireVerifier;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.windows.MachineStore;
import dev.exacme.store.windows.NativeMachineStoreApi;
import java.time.Duration;
import java.util.List;

/**
 * What the Exchange and IIS targets share of the Windows computer exacme runs on: its
 * {@code LocalMachine\My} store and the check on the wire of what its endpoints serve. Not yet
 * run on Windows.
 */
public final class ThisComputer {

    private static final Duration WIRE_TIMEOUT = Duration.ofSeconds(10);

    private ThisComputer() {
    }

    /** {@code LocalMachine\My}, for finding certificates and reading their key access. */
    public static CertificateStore machineStore() {
        return new MachineStore(new NativeMachineStoreApi(), new MachineStore.Options(false, false, List.of()));
    }

    /** The TLS and STARTTLS check of what each endpoint presents, eight endpoints at a time. */
    public static ServedCertificateCheck wireCheck() {
        return new WireVerifier(new WireProbe(WIRE_TIMEOUT, WIRE_TIMEOUT), 8)::verify;
    }
}
