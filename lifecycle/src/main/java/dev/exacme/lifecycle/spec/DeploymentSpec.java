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
     * @param keepOld            how long after a deployment the certificates it superseded are kept:
     *                           a share of the new certificate's lifetime unless a duration was given
     * @param connectorsWithoutCn let connectors and the hybrid configuration name a certificate without a
     *                           subject common name ({@code --connectors-without-cn}); absent in definitions
     *                           written before it existed, which is no
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Exchange(List<String> servers, boolean allServers, String uri, List<String> services,
                    boolean replaceDefaultSmtp, boolean includeBackEnd, String sniSite, boolean restartServices,
                    Duration powershellTimeout, GracePeriod keepOld, Boolean connectorsWithoutCn)
            implements DeploymentSpec {
        /** Copies the lists. */
        public Exchange {
            servers = servers == null ? List.of() : List.copyOf(servers);
            services = services == null ? List.of() : List.copyOf(services);
        }

        /**
         * Settings without {@code connectorsWithoutCn} (absent, which is no): as the importers and
         * definitions before it write them, so their deployment keys stay what they were.
         */
        public Exchange(List<String> servers, boolean allServers, String uri, List<String> services,
                        boolean replaceDefaultSmtp, boolean includeBackEnd, String sniSite, boolean restartServices,
                        Duration powershellTimeout, GracePeriod keepOld) {
            this(servers, allServers, uri, services, replaceDefaultSmtp, includeBackEnd, sniSite, restartServices,
                    powershellTimeout, keepOld, null);
        }

        /** With a fixed {@code --keep-old} period and without {@code connectorsWithoutCn}. */
        public Exchange(List<String> servers, boolean allServers, String uri, List<String> services,
                        boolean replaceDefaultSmtp, boolean includeBackEnd, String sniSite, boolean restartServices,
                        Duration powershellTimeout, Duration keepOld) {
            this(servers, allServers, uri, services, replaceDefaultSmtp, includeBackEnd, sniSite, restartServices,
                    powershellTimeout, GracePeriod.fixed(keepOld), null);
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
            if (keepOld == null) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d.");
            }
            keepOld.validate();
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
                    Optional.ofNullable(sniSite), Boolean.TRUE.equals(connectorsWithoutCn));
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
     * @param keepOld           how long after a deployment the certificates it superseded are kept: a
     *                          share of the new certificate's lifetime unless a duration was given
     */
    record Iis(List<String> sites, boolean sni, int port, Duration powershellTimeout, GracePeriod keepOld)
            implements DeploymentSpec {
        /** Copies the list. */
        public Iis {
            sites = sites == null ? List.of() : List.copyOf(sites);
        }

        /** With a fixed {@code --keep-old} period. */
        public Iis(List<String> sites, boolean sni, int port, Duration powershellTimeout, Duration keepOld) {
            this(sites, sni, port, powershellTimeout, GracePeriod.fixed(keepOld));
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
            if (keepOld == null) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d.");
            }
            keepOld.validate();
        }
    }

    /**
     * The administrator's program, run after installation with the certificate's thumbprint,
     * files, names and the previous thumbprint (as arguments and {@code EXACME_*} variables);
     * its exit code 0 means deployed, anything else fails the deployment, which is tried again
     * like any other. Past its timeout it is stopped, with the processes it started, and the
     * deployment fails. It is started directly, without a shell in between; on Windows a
     * {@code .ps1} runs under Windows PowerShell as {@code powershell.exe -NoProfile
     * -NonInteractive -ExecutionPolicy Bypass -File PROGRAM ARGUMENTS...} (not yet run on Windows).
     *
     * <p>Placeholders in the arguments are replaced at each run, also inside a longer argument
     * ({@code --thumbprint={thumbprint}}); an argument stays one argument whatever its values
     * hold (spaces, quotes): {@code {name}} (the managed certificate), {@code {thumbprint}} (40
     * upper-case hex digits), {@code {previous-thumbprint}} (the certificate it replaces; empty
     * text for the first), {@code {names}} (comma-separated, no spaces), {@code {common-name}}
     * (the first name), {@code {friendly-name}} ({@code --friendly-name}; empty text when exacme
     * named the certificate itself), {@code {store}} ({@code windows}, {@code pem}, {@code pfx},
     * {@code keystore}), {@code {store-path}} (the PEM directory, PFX or keystore file,
     * {@code Cert:\LocalMachine\My}), and for the PEM store only {@code {certificate-file}},
     * {@code {chain-file}}, {@code {fullchain-file}}, {@code {key-file}}. A word in braces that is
     * none of these, or a PEM file with another store, is refused by {@link #validate}; braces
     * around anything else ({@code {0}}, <code>{ $_ }</code>) are kept as they are. Configured
     * without arguments, it gets {@link #DEFAULT_ARGUMENTS}.
     *
     * <p>The same values are in the environment, whatever the arguments use, as
     * {@code EXACME_NAME}, {@code EXACME_THUMBPRINT}, {@code EXACME_PREVIOUS_THUMBPRINT},
     * {@code EXACME_NAMES}, {@code EXACME_COMMON_NAME}, {@code EXACME_FRIENDLY_NAME},
     * {@code EXACME_STORE}, {@code EXACME_STORE_PATH} and, for the PEM store,
     * {@code EXACME_CERTIFICATE_FILE}, {@code EXACME_CHAIN_FILE}, {@code EXACME_FULLCHAIN_FILE},
     * {@code EXACME_KEY_FILE} ({@link Placeholder#variable()}). Otherwise the program inherits
     * exacme's environment, except exacme's own {@code EXACME_*} variables and the variables the
     * specification reads secrets from ({@code env:NAME}). Secrets (PFX and keystore passwords,
     * credentials) are never passed.
     *
     * @param program   the program: its path, or a name looked up in {@code PATH}
     * @param arguments its arguments, with placeholders; none (empty or absent) becomes
     *                  {@link #DEFAULT_ARGUMENTS}
     * @param timeout   the longest run; it is stopped after that and the deployment fails
     */
    record Script(String program, List<String> arguments, Duration timeout) implements DeploymentSpec {
        /** The longest {@code --deploy-script-timeout}. */
        public static final Duration LONGEST = Duration.ofHours(1);

        /**
         * The arguments of a script configured without any: {@code {thumbprint} {names}
         * {previous-thumbprint}}, recorded in its definition when it is added. The one that is
         * empty for a first certificate comes last, so that however a program's runtime treats an
         * empty argument (Windows PowerShell's {@code -File} may drop it), the others keep their
         * positions. A program that must get no arguments at all is run through its interpreter
         * ({@code /bin/sh -c 'systemctl reload nginx'}, {@code cmd.exe /c iisreset}).
         */
        public static final List<String> DEFAULT_ARGUMENTS = List.of(Placeholder.THUMBPRINT.token(),
                Placeholder.NAMES.token(), Placeholder.PREVIOUS_THUMBPRINT.token());

        /** A placeholder: a word in braces. */
        private static final java.util.regex.Pattern PLACEHOLDER =
                java.util.regex.Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

        /**
         * Copies the list; none becomes {@link #DEFAULT_ARGUMENTS}, so that a definition records
         * the arguments it runs with and a later release's default never changes them.
         */
        public Script {
            arguments = arguments == null || arguments.isEmpty() ? DEFAULT_ARGUMENTS : List.copyOf(arguments);
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
            for (var argument : arguments) {
                var matcher = PLACEHOLDER.matcher(argument);
                while (matcher.find()) {
                    var placeholder = Placeholder.byWord(matcher.group(1));
                    if (placeholder.isEmpty()) {
                        throw new InvalidRequest("--deploy-script-arg '" + argument + "': " + matcher.group()
                                + " is not a placeholder. The placeholders are " + tokens(Placeholder.everywhere())
                                + ", and with --store pem " + tokens(Placeholder.pemOnly()) + ".");
                    }
                    if (!placeholder.get().availableWith(store)) {
                        throw new InvalidRequest("--deploy-script-arg '" + argument + "': " + matcher.group()
                                + " is there only with --store pem; with --store " + storeType(store)
                                + " the placeholders are " + tokens(Placeholder.everywhere()) + ".");
                    }
                }
            }
        }

        /**
         * {@code argument} with each placeholder replaced by its value; a value is never read
         * for placeholders again.
         *
         * @throws IllegalArgumentException for a placeholder without a value: {@link #validate} refuses those
         */
        public static String expand(String argument, java.util.Map<Placeholder, String> values) {
            var matcher = PLACEHOLDER.matcher(argument);
            var expanded = new StringBuilder();
            while (matcher.find()) {
                var value = Placeholder.byWord(matcher.group(1)).map(values::get).orElseThrow(
                        () -> new IllegalArgumentException("no value for " + matcher.group() + " in " + argument));
                matcher.appendReplacement(expanded, java.util.regex.Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(expanded).toString();
        }

        /** The store's name as {@code --store} takes it and {@code {store}} gives it. */
        public static String storeType(StoreSpec store) {
            if (store instanceof StoreSpec.Pem) {
                return "pem";
            } else if (store instanceof StoreSpec.Pfx) {
                return "pfx";
            } else if (store instanceof StoreSpec.Keystore) {
                return "keystore";
            }
            return "windows";
        }

        private static String tokens(List<Placeholder> placeholders) {
            return String.join(", ", placeholders.stream().map(Placeholder::token).toList());
        }

        /**
         * What a script is given, each value both as an argument placeholder and as an
         * environment variable: {@code {previous-thumbprint}} and
         * {@code EXACME_PREVIOUS_THUMBPRINT}. Validation, the replacement in the arguments and
         * the environment are all made from this one list; the values are described at
         * {@link Script}.
         */
        public enum Placeholder {
            /** The managed certificate's name; empty text for a one-off {@code exacme issue}. */
            NAME("name", false),
            /** The certificate deployed. */
            THUMBPRINT("thumbprint", false),
            /** The certificate it replaces; empty text for the first. */
            PREVIOUS_THUMBPRINT("previous-thumbprint", false),
            /** Its DNS names, comma-separated. */
            NAMES("names", false),
            /** Its first DNS name, the subject. */
            COMMON_NAME("common-name", false),
            /** The friendly name asked for; empty text when exacme named it. */
            FRIENDLY_NAME("friendly-name", false),
            /** The store's type. */
            STORE("store", false),
            /** The store's directory, file or Windows store path. */
            STORE_PATH("store-path", false),
            /** The PEM store's leaf certificate file. */
            CERTIFICATE_FILE("certificate-file", true),
            /** The PEM store's intermediates file. */
            CHAIN_FILE("chain-file", true),
            /** The PEM store's leaf and intermediates file. */
            FULLCHAIN_FILE("fullchain-file", true),
            /** The PEM store's private key file. */
            KEY_FILE("key-file", true);

            private final String word;
            private final boolean pem;

            Placeholder(String word, boolean pem) {
                this.word = word;
                this.pem = pem;
            }

            /** As it is written in an argument: {@code {previous-thumbprint}}. */
            public String token() {
                return "{" + word + "}";
            }

            /** Its environment variable: {@code EXACME_PREVIOUS_THUMBPRINT}. */
            public String variable() {
                return "EXACME_" + word.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            }

            /** Whether the certificate in {@code store} has this value (the PEM files only in the PEM store). */
            public boolean availableWith(StoreSpec store) {
                return !pem || store instanceof StoreSpec.Pem;
            }

            /** The placeholder written {@code {word}}, exactly (lower case). */
            public static Optional<Placeholder> byWord(String word) {
                return java.util.Arrays.stream(values()).filter(placeholder -> placeholder.word.equals(word))
                        .findFirst();
            }

            /** The placeholders every store has. */
            public static List<Placeholder> everywhere() {
                return java.util.Arrays.stream(values()).filter(placeholder -> !placeholder.pem).toList();
            }

            /** The placeholders only the PEM store has. */
            public static List<Placeholder> pemOnly() {
                return java.util.Arrays.stream(values()).filter(placeholder -> placeholder.pem).toList();
            }
        }
    }
}
