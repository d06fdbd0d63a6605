package dev.exacme.acme.fakeca;

import dev.exacme.acme.challenge.Http01Solver;
import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.ca.CaServer;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.progress.ProgressListener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The library wired to a {@link FakeCa}, the way the CLI wires it to a real one. */
final class FakeCaSession {

    private final AcmeCa ca;
    private final Path config;

    FakeCaSession(FakeCa fake, Path config) {
        this.ca = AcmeCa.connect(new CaServer(fake.directoryUrl()), OutboundNetwork.direct(TrustedCertificates.systemDefault()));
        this.config = config;
    }

    /** The CA connection, one directory read for the whole session. */
    AcmeCa ca() {
        return ca;
    }

    AccountLogin login() throws AcmeFailure, IOException {
        return new Accounts(ca, new AccountStore(config), ProgressListener.SILENT)
                .login(new AccountSettings(List.of(), true, Optional.empty()));
    }

    static CertificateRequest request(Optional<String> profile) throws InvalidRequest {
        return new CertificateRequest(CertificateRequest.parseNames(List.of(FakeCa.NAME)), KeyType.EC_P256,
                Optional.empty(), profile, Optional.empty());
    }

    IssuedCertificate issue(Poller poller, CertificateRequest request, Http01Listener listener)
            throws AcmeFailure, IOException {
        return new OrderFlow(ca, poller, ProgressListener.SILENT).issue(login(), request, new Http01Solver(listener));
    }

    static Http01Listener listener() throws IOException {
        return Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), 0);
    }
}
