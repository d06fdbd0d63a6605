package dev.exacme.cli.certificate;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.DurationConverter;
import dev.exacme.cli.exchange.ExchangeOptions;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a certificate is deployed after installation: {@code --deploy TARGET}, repeatable, each
 * followed by its own options, run in the order given. Exchange's options stay where they were
 * ({@code --exchange-server} and the others, one Exchange target per certificate);
 * {@code --powershell-timeout} and {@code --keep-old} serve Exchange and IIS alike.
 */
public final class DeploymentOptions {

    /** The targets {@code --deploy} takes. */
    static final List<String> TARGETS = List.of("exchange", "iis", "script");

    /** Every option of a {@code --deploy} group: {@code exacme edit} replaces them together. */
    public static final Set<String> TARGET_OPTIONS = Set.of("--deploy", "--iis-site", "--iis-sni", "--iis-port",
            "--deploy-script", "--deploy-script-arg", "--deploy-script-timeout");

    /** The options of the Exchange target alone ({@code --powershell-timeout} and {@code --keep-old} serve IIS too). */
    public static final Set<String> EXCHANGE_ONLY_OPTIONS = Set.of("--exchange-server", "--all-servers",
            "--exchange-uri", "--services", "--replace-default-smtp", "--include-backend", "--sni-site",
            "--restart-services");

    private static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static final int DEFAULT_IIS_PORT = 443;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    private List<Target> targets = new ArrayList<>();

    @Mixin
    private ExchangeOptions exchangeOptions;

    /** One {@code --deploy TARGET} with the options that follow it. */
    static final class Target {
        @Option(names = "--deploy", paramLabel = "TARGET", required = true,
                description = {"After installation, deploy to TARGET: exchange (services and IIS bindings, as 'exacme"
                    + " exchange deploy'), iis (named IIS sites' https bindings) or script (your program). Repeatable;",
                    "the targets run in the order given, each verified (on the wire for exchange and iis), a failed",
                    "one rolled back and tried again at the next renewal run."})
        String target;

        @Option(names = "--iis-site", paramLabel = "SITE",
                description = "--deploy iis: a site whose https bindings get the certificate, as IIS Manager names it."
                        + " Repeatable.")
        List<String> sites = new ArrayList<>();

        @Option(names = "--iis-sni",
                description = "--deploy iis: one SNI binding per name of the certificate (created where missing)"
                        + " instead of the site's IP:port binding.")
        boolean sni;

        @Option(names = "--iis-port", paramLabel = "PORT",
                description = "--deploy iis: the https port of the bindings (default: 443).")
        Integer port;

        @Option(names = "--deploy-script", paramLabel = "PROGRAM",
                description = "--deploy script: the program to run after installation (a .ps1 runs under Windows"
                        + " PowerShell with -File); exit code 0 means deployed.")
        String program;

        @Option(names = "--deploy-script-arg", paramLabel = "ARG",
                description = "--deploy script: an argument; {thumbprint}, {previous-thumbprint}, {names},"
                        + " {common-name}, {store-path}, {certificate-file}, {key-file} and the others of the README"
                        + " are replaced. Repeatable.")
        List<String> arguments = new ArrayList<>();

        @Option(names = "--deploy-script-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "--deploy script: the longest run, at most 1h (default: 5m); it is stopped after that.")
        Duration timeout;

        /**
         * The program as the scheduled run will find it: a path (with a separator) made absolute,
         * since the schedule starts elsewhere (System32, /), and refused when it is not there; a
         * bare name is looked up in PATH at each run, but a bare {@code .ps1}, which
         * {@code powershell -File} takes from the working directory, is a path too.
         */
        private String program() throws InvalidRequest {
            if (program == null || !(program.contains("/") || program.contains("\\")
                    || program.toLowerCase(Locale.ROOT).endsWith(".ps1"))) {
                return program;
            }
            var path = java.nio.file.Path.of(program).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isRegularFile(path)) {
                throw new InvalidRequest("--deploy-script " + program + ": " + path + " is not a file; give the"
                        + " program's path.");
            }
            return path.toString();
        }

        DeploymentSpec spec(ExchangeOptions exchange) throws InvalidRequest {
            var kind = target.toLowerCase(Locale.ROOT);
            if (!TARGETS.contains(kind)) {
                throw new InvalidRequest("--deploy " + target + " is not a deployment target; there are: "
                        + String.join(", ", TARGETS) + ".");
            }
            if (!kind.equals("iis") && (!sites.isEmpty() || sni || port != null)) {
                throw new InvalidRequest("--iis-site, --iis-sni and --iis-port belong to --deploy iis; they follow it"
                        + " (here they follow --deploy " + kind + ").");
            }
            if (!kind.equals("script") && (program != null || !arguments.isEmpty() || timeout != null)) {
                throw new InvalidRequest("--deploy-script, --deploy-script-arg and --deploy-script-timeout belong to"
                        + " --deploy script; they follow it (here they follow --deploy " + kind + ").");
            }
            return switch (kind) {
                case "exchange" -> exchange.spec();
                case "iis" -> new DeploymentSpec.Iis(sites, sni, port == null ? DEFAULT_IIS_PORT : port,
                        exchange.powershellTimeout(), exchange.keepOld());
                default -> new DeploymentSpec.Script(program(), arguments,
                        timeout == null ? DEFAULT_SCRIPT_TIMEOUT : timeout);
            };
        }
    }

    /** Whether {@code arguments} hold {@code --deploy exchange}. */
    public static boolean deploysExchange(List<String> arguments) {
        for (var i = 0; i < arguments.size(); i++) {
            var argument = arguments.get(i);
            if (argument.equalsIgnoreCase("--deploy=exchange") || argument.equals("--deploy")
                    && i + 1 < arguments.size() && arguments.get(i + 1).equalsIgnoreCase("exchange")) {
                return true;
            }
        }
        return false;
    }

    /** The deployments, in the order given, checked as far as they do not depend on the store. */
    public List<DeploymentSpec> specs() throws InvalidRequest {
        var deployments = new ArrayList<DeploymentSpec>();
        for (var target : targets) {
            deployments.add(target.spec(exchangeOptions));
        }
        var exchanges = deployments.stream().filter(DeploymentSpec.Exchange.class::isInstance).count();
        if (exchanges > 1) {
            throw new InvalidRequest("--deploy exchange is given " + exchanges + " times; one Exchange target takes"
                    + " every server (--exchange-server A,B or --all-servers).");
        }
        if (exchanges == 0 && exchangeOptions.given()) {
            throw new InvalidRequest("--exchange-server, --all-servers, --exchange-uri, --replace-default-smtp,"
                    + " --include-backend, --sni-site and --restart-services apply to --deploy exchange only.");
        }
        return deployments;
    }
}
