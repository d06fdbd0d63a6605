package dev.exacme.cli.guided;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.secrets.SecretName;
import dev.exacme.lifecycle.secrets.SecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DNS-01 questions: which provider, then what that provider needs, as the options of
 * {@code exacme issue} take them. A credential is typed without echo and becomes a secret named
 * after the certificate ({@code exchange-cloudflare-token}); the options refer to it as
 * {@code secret:NAME}. The manual provider is not offered: a scheduled renewal has nobody to
 * create its records.
 */
final class DnsQuestions {

    /** The providers offered, in the order {@code exacme dns providers} lists them. */
    static final List<String> PROVIDERS = List.of("rfc2136", "cloudflare", "azure", "route53", "acme-dns", "script",
            "windows");

    /**
     * The challenge options and the secrets they refer to.
     *
     * @param arguments the options, from {@code --dns PROVIDER} on
     * @param secrets   the secrets to store first
     */
    record Answers(List<String> arguments, List<NewSecret> secrets) {
    }

    private final Questions questions;
    private final String certificate;
    private final List<String> arguments = new ArrayList<>();
    private final List<NewSecret> secrets = new ArrayList<>();

    private DnsQuestions(Questions questions, String certificate) {
        this.questions = questions;
        this.certificate = certificate;
    }

    /** Asks for the provider and its settings for the managed certificate {@code certificate}. */
    static Answers ask(Questions questions, String certificate) throws SetupStopped {
        return new DnsQuestions(questions, certificate).ask();
    }

    private Answers ask() throws SetupStopped {
        var provider = questions.choice("DNS provider", PROVIDERS, null);
        arguments.addAll(List.of("--dns", provider));
        switch (provider) {
            case "rfc2136" -> {
                text("--rfc2136-server", "DNS server that accepts dynamic updates (HOST[:PORT])");
                var key = questions.optional("TSIG key name (empty: unsigned updates, e.g. Windows DNS with"
                        + " non-secure updates)", answer -> answer);
                if (key.isPresent()) {
                    arguments.addAll(List.of("--rfc2136-tsig-key", key.get()));
                    arguments.addAll(List.of("--rfc2136-tsig-algorithm", questions.choice("TSIG algorithm",
                            List.of("hmac-sha256", "hmac-sha512"), "hmac-sha256")));
                    secret("--rfc2136-tsig-secret-file", "rfc2136-tsig-secret", "TSIG secret (base64)");
                }
            }
            case "cloudflare" -> secret("--cloudflare-token-file", "cloudflare-token",
                    "Cloudflare API token (Zone:Read, DNS:Edit)");
            case "azure" -> {
                text("--azure-subscription", "Azure subscription ID of the DNS zone");
                text("--azure-resource-group", "Resource group of the zone");
                if (questions.yes("Sign in with this machine's managed identity?")) {
                    arguments.add("--azure-managed-identity");
                } else {
                    text("--azure-tenant", "Tenant ID of the service principal");
                    text("--azure-client-id", "Client (application) ID of the service principal");
                    secret("--azure-client-secret-file", "azure-client-secret", "Client secret");
                }
            }
            case "route53" -> {
                if (questions.yes("Use the EC2 instance role?")) {
                    arguments.add("--route53-instance-role");
                } else {
                    text("--route53-access-key-id", "AWS access key ID");
                    secret("--route53-secret-key-file", "route53-secret-key", "AWS secret access key");
                }
            }
            case "acme-dns" -> {
                text("--acme-dns-server", "acme-dns server URL");
                text("--acme-dns-credentials-file", "Credentials file from 'exacme dns acme-dns-register' (FILE or"
                        + " secret:NAME)");
            }
            case "script" -> text("--dns-script", "Program that creates and removes the records (called with"
                    + " present|cleanup NAME VALUE)");
            case "windows" -> questions.optional("Windows DNS server to change, e.g. a domain controller (empty: this"
                    + " computer's)", answer -> answer).ifPresent(server -> arguments.addAll(List.of(
                    "--windows-dns-server", server)));
            default -> throw new IllegalStateException("no questions for " + provider);
        }
        return new Answers(arguments, secrets);
    }

    private void text(String option, String question) throws SetupStopped {
        arguments.addAll(List.of(option, questions.required(question, Optional.empty(), answer -> answer)));
    }

    private void secret(String option, String kind, String question) throws SetupStopped {
        String name;
        try {
            name = SecretName.of(certificate + "-" + kind).value();
        } catch (InvalidRequest e) {
            throw new IllegalStateException("a managed name makes a valid secret name: " + e.getMessage(), e);
        }
        secrets.add(new NewSecret(name, question, questions.secret(question)));
        arguments.addAll(List.of(option, SecretReference.PREFIX + name));
    }
}
