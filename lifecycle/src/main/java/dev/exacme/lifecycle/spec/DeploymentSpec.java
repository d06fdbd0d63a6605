package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.deploy.DeployOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Where an installed certificate is deployed, verified on the wire and rolled back when not served. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = DeploymentSpec.Exchange.class, name = "exchange"),
    @JsonSubTypes.Type(value = DeploymentSpec.Iis.class, name = "iis"),
    @JsonSubTypes.Type(value = DeploymentSpec.Script.class, name = "script")})
public sealed interface DeploymentSpec {

    /**
     * Checks the settings against the store the certificate is installed in.
     *
     * @throws InvalidRequest naming the option and what to do
     */
    void validate(StoreSpec store) throws InvalidRequest;

    /** The target's name as {@code --deploy} takes it. */
    String target();

    /**
     * The target with its settings, as the state records where a certificate is deployed:
     * {@code script:1a2b3c4d}. Settings changed by {@code exacme edit} make another key, so the
     * target is deployed to again.
     */
    default String key() {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(SpecJson.MAPPER.writeValueAsBytes(this));
            return target() + ":" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the deployment settings of " + target(), e);
        }
    }

    /**
     * Exchange services and IIS bindings (not yet run on Windows).
     *
     * @param servers            the Exchange servers, this computer first; empty with {@code allServers}
     * @param allServers         every server of {@code Get-ExchangeServer}, looked up at each deployment
     * @param uri                a remote Exchange PowerShell endpoint, null for the local shell
     * @param services           the Exchange services enabled ({@code IIS}, {@code SMTP}, {@code IMAP}, {@code POP})
     * @param replaceDefaultSmtp make it the default SMTP certificate
     * @param includeBackEnd     also rebind the Exchange Back End site (port 444)
     * @param sniSite            an IIS site that gets an SNI binding per name, null for none
     * @param restartServices    restart IMAP and POP so they present it
     * @param powershellTimeout  the longest wait for one PowerShell step
     * @param keepOld            how long after a deployment the certificates it superseded are kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Exchange(List<String> servers, boolean allServers, String uri, List<String> services,
                    boolean replaceDefaultSmtp, boolean includeBackEnd, String sniSite, boolean restartServices,
                    Duration powershellTimeout, Duration keepOld) implements DeploymentSpec {
        /** Copies the lists. */
        public Exchange {
            servers = servers == null ? List.of() : List.copyOf(servers);
            services = services == null ? List.of() : List.copyOf(services);
        }

        @Override
        public String target() {
            return "exchange";
        }

        @Override
        public void validate(StoreSpec store) throws InvalidRequest {
            if (!(store instanceof StoreSpec.WindowsMachine)) {
                throw new InvalidRequest("--deploy exchange needs the certificate in the Windows machine store"
                        + " (--store windows).");
            }
            checkOptions();
        }

        /** Checks the settings that do not depend on the store. */
        public void checkOptions() throws InvalidRequest {
            if (allServers && !servers.isEmpty()) {
                throw new InvalidRequest("--all-servers and --exchange-server exclude each other.");
            }
            if (uri != null) {
                try {
                    java.net.URI.create(uri);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequest("--exchange-uri " + uri + " is not a URI: expected"
                            + " http://SERVER/PowerShell/.");
                }
            }
            options(servers.isEmpty() ? List.of("localhost") : servers);
            if (powershellTimeout == null || powershellTimeout.isNegative() || powershellTimeout.isZero()) {
                throw new InvalidRequest("--powershell-timeout must be a positive duration, e.g. 5m.");
            }
            if (keepOld == null || keepOld.isNegative()) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d.");
            }
        }

        /** The deployment's options for these servers, services checked. */
        public DeployOptions options(List<String> targetServers) throws InvalidRequest {
            var chosen = EnumSet.noneOf(ExchangeService.class);
            for (var service : services) {
                try {
                    chosen.add(ExchangeService.byName(service.trim()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequest("--services: " + e.getMessage());
                }
            }
            return new DeployOptions(targetServers, chosen, replaceDefaultSmtp, includeBackEnd, restartServices,
                    Optional.ofNullable(sniSite));
        }
    }

    /**
     * Named IIS sites' https bindings (not yet run on Windows): each site's bindings on
     * {@code port} move to the new certificate, with {@code sni} one SNI binding per name is
     * created where none exists; other sites and ports are left alone. Verified on the wire at
     * this computer's {@code port}, rolled back when not served.
     *
     * @param sites             the IIS site names, as IIS Manager shows them
     * @param sni               bind per host name with Server Name Indication
     * @param port              the https port, 443 unless the site listens elsewhere
     * @param powershellTimeout the longest wait for one PowerShell step
     * @param keepOld           how long after a deployment the certificates it superseded are kept
     */
    record Iis(List<String> sites, boolean sni, int port, Duration powershellTimeout, Duration keepOld)
            implements DeploymentSpec {
        /** Copies the list. */
        public Iis {
            sites = sites == null ? List.of() : List.copyOf(sites);
        }

        @Override
        public String target() {
            return "iis";
        }

        @Override
        public void validate(StoreSpec store) throws InvalidRequest {
            if (!(store instanceof StoreSpec.WindowsMachine)) {
                throw new InvalidRequest("--deploy iis needs the certificate in the Windows machine store"
                        + " (--store windows).");
            }
            if (sites.isEmpty() || sites.stream().anyMatch(site -> site == null || site.isBlank())) {
                throw new InvalidRequest("--deploy iis needs the sites to bind: --iis-site NAME (as IIS Manager shows"
                        + " it), once per site.");
            }
            if (port < 1 || port > 65535) {
                throw new InvalidRequest("--iis-port " + port + " is not a port: 1 to 65535.");
            }
            if (powershellTimeout == null || powershellTimeout.isNegative() || powershellTimeout.isZero()) {
                throw new InvalidRequest("--powershell-timeout must be a positive duration, e.g. 5m.");
            }
            if (keepOld == null || keepOld.isNegative()) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d.");
            }
        }
    }

    /**
     * The administrator's program, run after installation with the certificate's thumbprint,
     * files, names and the previous thumbprint (as arguments and {@code EXACME_*} variables);
     * its exit code 0 means deployed, anything else fails the deployment, which is tried again
     * like any other. A {@code .ps1} runs under Windows PowerShell with {@code -File}.
     *
     * <p>Placeholders in the arguments are replaced at each run: {@code {name}} (the managed
     * certificate), {@code {thumbprint}}, {@code {previous-thumbprint}} (empty text for the
     * first), {@code {names}} (comma-separated), {@code {common-name}}, {@code {friendly-name}},
     * {@code {store}} ({@code windows}, {@code pem}, {@code pfx}, {@code keystore}),
     * {@code {store-path}} (the PEM directory, PFX or keystore file, {@code Cert:\LocalMachine\My}),
     * and for the PEM store {@code {certificate-file}}, {@code {chain-file}},
     * {@code {fullchain-file}}, {@code {key-file}}. The same values are in the environment as
     * {@code EXACME_NAME}, {@code EXACME_THUMBPRINT}, {@code EXACME_PREVIOUS_THUMBPRINT} and so
     * on. Secrets (PFX and keystore passwords) are never passed.
     *
     * @param program   the program
     * @param arguments arguments placed before exacme's own
     * @param timeout   the longest run; it is stopped after that and the deployment fails
     */
    record Script(String program, List<String> arguments, Duration timeout) implements DeploymentSpec {
        /** The longest {@code --deploy-script-timeout}. */
        public static final Duration LONGEST = Duration.ofHours(1);

        /** Copies the list. */
        public Script {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        @Override
        public String target() {
            return "script";
        }

        @Override
        public void validate(StoreSpec store) throws InvalidRequest {
            if (program == null || program.isBlank()) {
                throw new InvalidRequest("--deploy script needs --deploy-script PROGRAM (and --deploy-script-arg for"
                        + " its arguments).");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(LONGEST) > 0) {
                throw new InvalidRequest("--deploy-script-timeout must be a positive duration of at most 1h, e.g. 5m.");
            }
        }
    }
}
