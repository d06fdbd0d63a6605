package dev.exacme.lifecycle.importing.certify;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.acme.order.DomainName;
import dev.exacme.lifecycle.importing.CurrentCertificate;
import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import dev.exacme.lifecycle.importing.certify.ManagedItem.ItemType;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One of Certify's managed certificates as an exacme definition, or why not. */
final class ItemMapping {

    /** A PFX Certify writes is a few kilobytes; anything far larger is not one. */
    private static final long LONGEST_PFX = 1024 * 1024;

    private final Path database;
    private final ImportDefaults defaults;
    private final CertifyInstallation installation;
    private final CertificateAuthorities authorities;
    private final Optional<IisConfiguration> iis;
    private final String iisProblem;

    ItemMapping(Path database, ImportDefaults defaults, CertifyInstallation installation,
                Optional<IisConfiguration> iis, String iisProblem) {
        this.database = database;
        this.defaults = defaults;
        this.installation = installation;
        this.authorities = new CertificateAuthorities(installation.customAuthorities());
        this.iis = iis;
        this.iisProblem = iisProblem;
    }

    /** Where a row was found, for people. */
    String origin(String id) {
        return database + ", item " + Notes.printable(id);
    }

    /** The item as an exacme definition named {@code name}, or refused with why. */
    ImportedCertificate map(ManagedItem item, String name) {
        var notes = new Notes(installation);
        var description = Notes.printable(ManagedItem.present(item.name()).orElse(item.id()));
        var names = item.requestConfig() == null ? List.<String>of() : item.requestConfig().names();
        try {
            var spec = spec(item, name, names, notes);
            return new ImportedCertificate(origin(item.id()), description, names, Optional.of(spec),
                    current(item, notes), notes.unmapped(), notes.secrets(), Optional.empty());
        } catch (Refused refused) {
            return ImportedCertificate.refused(origin(item.id()), description, names, notes.unmapped(),
                    Notes.printable(refused.getMessage()));
        }
    }

    private CertificateSpec spec(ManagedItem item, String name, List<String> names, Notes notes) throws Refused {
        var request = item.requestConfig();
        if (request == null) {
            throw new Refused("its document has no RequestConfig, so Certify has nothing to order.");
        }
        var type = ItemType.parse(item.itemType()).orElseThrow(() -> new Refused("its ItemType '" + item.itemType()
                + "' is not one Certify 7 has."));
        if (type != ItemType.SSL_ACME) {
            throw new Refused("Certify does not order it from an ACME CA (" + (type == ItemType.SSL_MANUAL
                    ? "SSL_Manual: a certificate added by hand" : "SSL_ExternallyManaged: managed by another tool")
                    + "), so there is nothing to renew.");
        }
        if (!item.autoRenew()) {
            throw new Refused("auto-renewal is off for it in Certify (IncludeInAutoRenew false), and exacme has no"
                    + " paused definitions: if it should be renewed, add it with 'exacme add'.");
        }
        if (names.isEmpty()) {
            throw new Refused("it names no domain (PrimaryDomain, SubjectAlternativeNames).");
        }
        if (!request.subjectIpAddresses().isEmpty()) {
            throw new Refused("it is also for the IP addresses " + String.join(", ", request.subjectIpAddresses())
                    + ", and exacme orders certificates for DNS names only.");
        }
        if (request.hasAuthorityTokens()) {
            throw new Refused("it is a TNAuthList (STIR/SHAKEN) certificate, which exacme does not order.");
        }
        if (ManagedItem.present(request.customCsr()).isPresent()) {
            throw new Refused("Certify orders it with a CSR given in its settings (CustomCSR), for a key exacme does"
                    + " not have; exacme makes its own key and CSR.");
        }
        var identifiers = identifiers(names);
        if (identifiers.size() > CertificateSpec.MAX_IDENTIFIERS) {
            throw new Refused(identifiers.size() + " names: a certificate holds at most "
                    + CertificateSpec.MAX_IDENTIFIERS + ".");
        }

        var ca = ca(item, name, notes);
        var challenge = new ChallengeMapping(item, name, names, notes).challenge();
        var placed = new DeploymentMapping(item, name, identifiers, defaults, notes, iis, iisProblem).map();
        var key = key(request, placed.store(), notes);
        otherSettings(item, notes);
        var spec = new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name, identifiers, ca, challenge, key,
                placed.store(), placed.deployments(), defaults.timeout(), placed.friendlyName(), defaults.created());
        try {
            return spec.validated();
        } catch (InvalidRequest e) {
            throw new Refused("exacme refuses the definition it would make: " + e.getMessage());
        }
    }

    /** The names as A-labels, each once (Certify may list a name twice, or in two spellings). */
    private static List<String> identifiers(List<String> names) throws Refused {
        var ascii = new LinkedHashMap<String, String>();
        for (var name : names) {
            try {
                ascii.putIfAbsent(DomainName.parse(name).ascii(), name);
            } catch (InvalidRequest e) {
                throw new Refused("its name " + e.getMessage());
            }
        }
        return List.copyOf(ascii.keySet());
    }

    private CaSpec ca(ManagedItem item, String name, Notes notes) throws Refused {
        var id = ManagedItem.present(item.certificateAuthorityId());
        if (id.isEmpty()) {
            installation.problem("appsettings.json").ifPresent(problem -> notes.unmapped(problem
                    + ": the CA is taken to be Certify's default, Let's Encrypt."));
        }
        var chosen = authorities.choose(id.orElse(installation.defaultAuthority()), item.useStagingMode(),
                installation);
        var authority = chosen.authority();
        if (!authority.enabled()) {
            notes.unmapped(authority.title() + " is disabled in Certify's ca.json; the definition uses it anyway, as"
                    + " the item names it.");
        }
        if (authority.requiresEab()) {
            notes.unmapped(authority.title() + " requires External Account Binding: Certify's account there (key id"
                    + " and HMAC key) is not in this database; unless exacme already has an account at "
                    + chosen.directory() + ", give them with exacme edit " + name + " --eab-kid KID"
                    + " --eab-hmac-key-file secret:NAME before the first renewal.");
        }
        if (authority.allowUntrustedTls()) {
            notes.unmapped("Certify accepts any TLS certificate from " + authority.title() + " (AllowUntrustedTls);"
                    + " exacme always checks it: give the CA's root with exacme edit " + name + " --trust FILE.");
        }
        if (authority.trustedRoots()) {
            notes.unmapped("Certify installs roots or intermediates of its own for " + authority.title()
                    + " (ca.json TrustedRoots/Intermediates); exacme does not.");
        }
        if (authority.custom() && chosen.directory().startsWith("http://")) {
            notes.unmapped("the CA's directory is plain http on this machine (" + chosen.directory() + "), which"
                    + " exacme accepts for test servers only.");
        }
        var preferred = ManagedItem.present(item.requestConfig().preferredChain()).orElse(null);
        return new CaSpec(chosen.directory(), List.of(), new AccountSpec(defaults.emails(), true, null, null), null,
                preferred);
    }

    private KeySpec key(ManagedItem.RequestConfig request, StoreSpec store, Notes notes) throws Refused {
        var given = ManagedItem.present(request.csrKeyAlg());
        if (given.isEmpty()) {
            installation.problem("appsettings.json").ifPresent(problem -> notes.unmapped(problem
                    + ": the key type is taken to be Certify's default, RSA 2048."));
        }
        var algorithm = given.orElse(installation.defaultKeyType());
        var type = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "RS256" -> "rsa2048";
            case "RS256_3072" -> "rsa3072";
            case "RS256_4096" -> "rsa4096";
            case "ECDSA256" -> "ec256";
            case "ECDSA384" -> "ec384";
            case "ECDSA521" -> {
                notes.unmapped("key ECDSA P-521: exacme makes P-256 or P-384 keys (as most CAs accept); P-384 is used.");
                yield "ec384";
            }
            default -> throw new Refused("its key algorithm '" + algorithm + "' (CSRKeyAlg) is not one Certify has.");
        };
        var reuse = request.reusePrivateKey() && store instanceof StoreSpec.Pem;
        if (request.reusePrivateKey() && !reuse) {
            notes.unmapped("ReusePrivateKey: exacme reuses keys with the PEM store only; each renewal gets a fresh"
                    + " key.");
        }
        if (ManagedItem.present(request.customPrivateKey()).isPresent()) {
            notes.unmapped("Certify signs with a private key given in its settings (CustomPrivateKey); exacme makes"
                    + " a fresh key" + (reuse ? " once and reuses key.pem" : " at each renewal") + ".");
        }
        return new KeySpec(type, reuse);
    }

    private static void otherSettings(ManagedItem item, Notes notes) {
        var request = item.requestConfig();
        if (item.customRenewalTarget() != null || ManagedItem.present(item.customRenewalIntervalMode()).isPresent()) {
            notes.unmapped("renewal at " + (item.customRenewalTarget() == null ? "" : item.customRenewalTarget() + " ")
                    + ManagedItem.present(item.customRenewalIntervalMode()).orElse("") + ": exacme renews in the CA's"
                    + " renewal window (ARI), else from two thirds of the lifetime.");
        }
        if (request.preferredExpiryDays() != null) {
            notes.unmapped("a lifetime of " + request.preferredExpiryDays() + " days (PreferredExpiryDays): exacme"
                    + " takes the CA's lifetime, or a profile (exacme edit NAME --profile).");
        }
        if (request.requireOcspMustStaple()) {
            notes.unmapped("OCSP Must-Staple: exacme does not ask for it (Let's Encrypt has ended OCSP).");
        }
    }

    /** The certificate Certify installed last, so that the first renewal follows the CA's window. */
    private Optional<CurrentCertificate> current(ManagedItem item, Notes notes) {
        var thumbprint = ManagedItem.present(item.certificateThumbprintHash());
        if (thumbprint.isEmpty()) {
            return Optional.empty();
        }
        if (!thumbprint.get().matches("[0-9A-Fa-f]{40}")) {
            notes.unmapped("Certify's thumbprint '" + thumbprint.get() + "' is not a SHA-1 thumbprint: the first"
                    + " renewal orders a new certificate.");
            return Optional.empty();
        }
        if (item.certificateRevoked()) {
            notes.unmapped("Certify's current certificate " + thumbprint.get().toUpperCase(Locale.ROOT) + " is revoked:"
                    + " it is not kept, so the first renewal orders a new one.");
            return Optional.empty();
        }
        var upper = thumbprint.get().toUpperCase(Locale.ROOT);
        return Optional.of(new CurrentCertificate(upper, CertifyJson.time(item.dateStart()),
                CertifyJson.time(item.dateExpiry()), pfx(item, upper, notes)));
    }

    /** Certify's PFX of the current certificate, when it opens without a password and holds that certificate. */
    private static Optional<Path> pfx(ManagedItem item, String thumbprint, Notes notes) {
        var text = ManagedItem.present(item.certificatePath());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (ManagedItem.present(item.certificatePasswordCredentialId()).isPresent()) {
            notes.unmapped("Certify's PFX " + text.get() + " has a password (a stored credential): the current"
                    + " certificate is known by its thumbprint only.");
            return Optional.empty();
        }
        try {
            var file = Path.of(text.get());
            if (!Files.isRegularFile(file) || !Files.isReadable(file) || Files.size(file) > LONGEST_PFX) {
                return Optional.empty();
            }
            var store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(file)) {
                store.load(in, new char[0]);
            }
            for (var alias : Collections.list(store.aliases())) {
                var certificate = store.getCertificate(alias);
                if (certificate != null && HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(certificate.getEncoded())).equals(thumbprint)) {
                    return Optional.of(file);
                }
            }
            notes.unmapped("Certify's PFX " + text.get() + " does not hold its current certificate " + thumbprint
                    + ": the current certificate is known by its thumbprint only.");
        } catch (InvalidPathException e) {
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            notes.unmapped("Certify's PFX " + text.get() + " cannot be opened without a password: the current"
                    + " certificate is known by its thumbprint only.");
        }
        return Optional.empty();
    }
}
