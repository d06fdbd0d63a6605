package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exacme.acme.failure.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A managed certificate, completely: what to order, how to prove control, where to put it
 * and where to deploy it, with every default resolved when it was added, so that a later
 * release's defaults never change it. Kept as {@code certificates/NAME.json} (schema 2);
 * secrets appear only as {@link SecretSource}s ({@code secret:NAME}, a file, a variable).
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param name          the managed certificate's name (its file name); for a one-off {@code issue}, empty text
 * @param identifiers   the DNS names, as A-labels, the first being the subject; no repeats
 * @param ca            the CA and the account there
 * @param challenge     how control of the names is proved
 * @param key           the certificate key
 * @param store         where certificate, chain and key are installed
 * @param deployments   where it is deployed after installation, in order (none: installed only)
 * @param timeout       the longest wait for validation and for issuance
 * @param friendlyName  the name shown beside the certificate, null for exacme's own
 * @param created       when it was added
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateSpec(int schemaVersion, String name, List<String> identifiers, CaSpec ca,
                              ChallengeSpec challenge, KeySpec key, StoreSpec store,
                              List<DeploymentSpec> deployments, Duration timeout, String friendlyName,
                              Instant created) {

    /** The schema this exacme writes; older files are migrated when first read. */
    public static final int SCHEMA_VERSION = 2;

    /** Longest name list a CA takes (Let's Encrypt: 100). */
    public static final int MAX_IDENTIFIERS = 100;

    /** Copies the lists. */
    public CertificateSpec {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }

    /** The subject name: the first identifier. */
    public String firstName() {
        return identifiers.get(0);
    }

    /** Every secret source of the specification (account, DNS provider, store), for checks and warnings. */
    public List<SecretSource> secretSources() {
        var sources = new java.util.ArrayList<SecretSource>();
        sources.add(ca.account().eabHmacKey());
        if (challenge instanceof ChallengeSpec.Dns01 dns) {
            var provider = dns.provider();
            if (provider instanceof DnsProviderSpec.Rfc2136 rfc2136) {
                sources.add(rfc2136.tsigSecret());
            } else if (provider instanceof DnsProviderSpec.Cloudflare cloudflare) {
                sources.add(cloudflare.token());
            } else if (provider instanceof DnsProviderSpec.Azure azure) {
                sources.add(azure.clientSecret());
            } else if (provider instanceof DnsProviderSpec.Route53 route53) {
                sources.add(route53.secretKey());
            } else if (provider instanceof DnsProviderSpec.AcmeDns acmeDns) {
                sources.add(acmeDns.credentials());
            }
        }
        if (store instanceof StoreSpec.Pfx pfx) {
            sources.add(pfx.password());
        } else if (store instanceof StoreSpec.Keystore keystore) {
            sources.add(keystore.password());
        }
        return sources.stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The keys the state records the deployments by, in order ({@link DeploymentSpec#key()}); a
     * second deployment of the very same settings gets {@code #2}, so that it is run too.
     */
    public List<String> deploymentKeys() {
        var keys = new java.util.ArrayList<String>();
        for (var deployment : deployments) {
            var key = deployment.key();
            var occurrence = 1;
            while (keys.contains(occurrence == 1 ? key : key + "#" + occurrence)) {
                occurrence++;
            }
            keys.add(occurrence == 1 ? key : key + "#" + occurrence);
        }
        return keys;
    }

    /** Whether any deployment is asked for. */
    public boolean deploys() {
        return !deployments.isEmpty();
    }

    /**
     * Checks the whole specification, the one place where {@code add}, {@code edit},
     * {@code issue}, a migration and {@code renew} refuse the same things with the same words.
     *
     * @return this
     * @throws InvalidRequest naming the setting and what to do
     */
    public CertificateSpec validated() throws InvalidRequest {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidRequest("schemaVersion " + schemaVersion + ": this exacme reads " + SCHEMA_VERSION + ".");
        }
        if (!name.isEmpty()) {
            ManagedName.check(name);
        }
        if (identifiers.isEmpty()) {
            throw new InvalidRequest("a certificate needs at least one name (-d NAME).");
        }
        if (identifiers.size() > MAX_IDENTIFIERS) {
            throw new InvalidRequest(identifiers.size() + " names: a certificate holds at most " + MAX_IDENTIFIERS
                    + "; split them over several certificates.");
        }
        dev.exacme.acme.order.CertificateRequest.parseNames(identifiers);
        if (ca == null || challenge == null || key == null || store == null) {
            throw new InvalidRequest("the specification lacks " + (ca == null ? "ca" : challenge == null ? "challenge"
                    : key == null ? "key" : "store") + ".");
        }
        ca.validate();
        challenge.validate(identifiers);
        key.validate(store);
        store.validate();
        for (var deployment : deployments) {
            deployment.validate(store);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRequest("--timeout must be a positive duration, e.g. 5m.");
        }
        return this;
    }
}
