package dev.exacme.lifecycle.importing.winacme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.lifecycle.importing.CurrentCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The certificate win-acme installed last, from the renewal's {@code History}: the thumbprint of
 * the last successful run's main order, its expiry, and a file holding it when one can be read
 * without a password (win-acme's {@code NAME-crt.pem}, or a cache PFX without a password; the
 * cache is normally protected by the renewal's DPAPI-protected {@code PfxPasswordProtected}, and
 * is then left alone). A damaged history costs the current certificate, not the import.
 */
final class CurrentCertificates {

    private CurrentCertificates() {
    }

    /** The current certificate, when the history names one. */
    static Optional<CurrentCertificate> current(JsonNode renewal, StoreMapping.ChosenStore store,
                                                RenewalContext context) {
        List<JsonNode> history;
        try {
            history = RenewalJson.objects(renewal, "History");
        } catch (Refusal e) {
            context.unmapped("History: " + e.getMessage() + " The current certificate is not known, so the first"
                    + " renewal orders a new one.");
            return Optional.empty();
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            var entry = history.get(i);
            try {
                if (!RenewalJson.bool(entry, "Success").orElse(false)) {
                    continue;
                }
                return fromEntry(entry, store, context);
            } catch (Refusal e) {
                context.unmapped("History: " + e.getMessage() + " The current certificate is not known, so the first"
                        + " renewal orders a new one.");
                return Optional.empty();
            }
        }
        context.unmapped("History: no successful renewal, so there is no certificate to keep; the first renewal"
                + " orders one.");
        return Optional.empty();
    }

    private static Optional<CurrentCertificate> fromEntry(JsonNode entry, StoreMapping.ChosenStore store,
                                                          RenewalContext context) throws Refusal {
        String thumbprint = null;
        var expiry = RenewalJson.text(entry, "ExpireDate");
        var orders = RenewalJson.objects(entry, "OrderResults");
        JsonNode chosen = null;
        for (var order : orders) {
            if (RenewalJson.text(order, "Thumbprint").isEmpty()
                    || !RenewalJson.bool(order, "Success").orElse(true)
                    || RenewalJson.bool(order, "Missing").orElse(false)) {
                continue;
            }
            if (chosen == null || RenewalJson.text(order, "Name").orElse("").equalsIgnoreCase("main")) {
                chosen = order;
            }
        }
        if (chosen != null) {
            if (RenewalJson.bool(chosen, "Revoked").orElse(false)) {
                context.unmapped("History: the last certificate was revoked; the first renewal orders a new one.");
                return Optional.empty();
            }
            thumbprint = RenewalJson.text(chosen, "Thumbprint").orElseThrow();
            expiry = RenewalJson.text(chosen, "ExpireDate").or(() -> expiry(entry));
        } else {
            var legacy = RenewalJson.texts(entry, "Thumbprints");
            if (!legacy.isEmpty()) {
                thumbprint = legacy.get(0);
            }
        }
        if (thumbprint == null) {
            context.unmapped("History: the last successful run names no thumbprint; the first renewal orders a new"
                    + " certificate.");
            return Optional.empty();
        }
        var hex = thumbprint.trim().toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{40}")) {
            context.unmapped("History: thumbprint '" + thumbprint + "' is not 40 hexadecimal digits; the first renewal"
                    + " orders a new certificate.");
            return Optional.empty();
        }
        var notAfter = expiry.flatMap(CurrentCertificates::instant);
        for (var file : files(store, context)) {
            var certificate = read(file);
            if (certificate.isPresent() && thumbprint(certificate.get()).equals(hex)) {
                return Optional.of(new CurrentCertificate(hex,
                        Optional.of(certificate.get().getNotBefore().toInstant()),
                        Optional.of(certificate.get().getNotAfter().toInstant()), Optional.of(file)));
            }
        }
        return Optional.of(new CurrentCertificate(hex, Optional.empty(), notAfter, Optional.empty()));
    }

    private static Optional<String> expiry(JsonNode entry) {
        try {
            return RenewalJson.text(entry, "ExpireDate");
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    /** Files that may hold it: the PEM store's certificate, then the cache, newest first. */
    private static List<Path> files(StoreMapping.ChosenStore store, RenewalContext context) {
        var files = new ArrayList<Path>();
        store.certificate().filter(Files::isRegularFile).ifPresent(files::add);
        Path cache;
        try {
            cache = context.settings().text("Cache", "Path").map(Path::of)
                    .orElse(context.serverDirectory().resolve("Certificates"));
        } catch (Refusal | java.nio.file.InvalidPathException e) {
            cache = context.serverDirectory().resolve("Certificates");
        }
        if (!Files.isDirectory(cache)) {
            return files;
        }
        var id = context.renewalId();
        try (Stream<Path> entries = Files.list(cache)) {
            entries.filter(Files::isRegularFile).filter(file -> {
                var name = file.getFileName().toString();
                // CacheService: ID-KEY-temp.pfx, before 2.2 ID-cache.pfx.
                return name.equals(id + "-cache.pfx") || (name.startsWith(id + "-") && name.endsWith("-temp.pfx"));
            }).sorted(Comparator.comparing(CurrentCertificates::modified).reversed()).forEach(files::add);
        } catch (IOException e) {
            context.unmapped("cache " + cache + " cannot be listed (" + e.getMessage() + ").");
        }
        var cached = files.stream().filter(file -> file.getFileName().toString().endsWith(".pfx")).toList();
        if (!cached.isEmpty() && cached.stream().allMatch(file -> read(file).isEmpty())) {
            context.unmapped("cache " + cached.get(0) + " is protected by win-acme's cache password"
                    + " (PfxPasswordProtected, encrypted for win-acme): not read; the certificate in service is known by its"
                    + " thumbprint.");
        }
        return files;
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** The leaf of a PEM or DER file, or of a PFX without a password. */
    private static Optional<X509Certificate> read(Path file) {
        try {
            if (Files.size(file) > RenewalJson.LARGEST) {
                return Optional.empty();
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pfx")) {
                var keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    keyStore.load(in, new char[0]);
                }
                for (var aliases = keyStore.aliases(); aliases.hasMoreElements(); ) {
                    var alias = aliases.nextElement();
                    if (keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                        return Optional.of(certificate);
                    }
                }
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                var certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
                return certificate instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Protected by a password, damaged, or not a certificate: not the file that holds it.
            return Optional.empty();
        }
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    /**
     * A .NET round-trip date ({@code 2024-05-01T09:12:33.1234567Z}, with an offset, or without one,
     * which {@code DateTime} writes for an unspecified kind and which is taken as UTC).
     */
    static Optional<Instant> instant(String text) {
        var trimmed = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
