package dev.exacme.cli;

import dev.exacme.acme.keys.KeyType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run the launcher records its class data sharing archives from
 * ({@code -XX:ArchiveClassesAtExit}): several commands in one JVM, so that an archive holds
 * what every command loads, not only what the first command run happened to. Run alone
 * ({@link #main}) for {@code exacme-commands.jsa}; after a real {@code issue}, {@code add} or
 * {@code renew} (system property {@value #AFTER_COMMAND}, {@link Main}) for {@code exacme.jsa},
 * which then also holds the TLS, ACME and certificate classes only a CA's answers load. Nothing here
 * reaches the network or the system: each command gets a new empty state directory, and
 * {@code issue} is pointed at a closed loopback port (it loads the command, the options, the
 * HTTP client and the ACME session up to the refused connection). Output is discarded.
 */
public final class ClassDataTraining {

    /** Set by the launcher in the run that records {@code exacme.jsa}. */
    static final String AFTER_COMMAND = "exacme.cds.training";

    private ClassDataTraining() {
    }

    public static void main(String[] args) {
        train();
        SelectorThreads.stop();
        System.exit(0);
    }

    /** Runs the training commands in this JVM, with their output discarded. */
    static void train() {
        Path work;
        try {
            work = Files.createTempDirectory("exacme-training-");
        } catch (IOException e) {
            return;
        }
        try {
            var none = new PrintWriter(Writer.nullWriter());
            for (var commandLine : commandLines(work)) {
                Main.run(commandLine, none, none);
            }
            // the certificate key types' generators (an RSA key itself takes a second under C1: only the classes)
            KeyType.EC_P256.generate();
            java.security.KeyPairGenerator.getInstance("RSA").initialize(2048);
        } catch (Exception | LinkageError e) {
            // a partial archive is still an archive: record what was loaded so far
        } finally {
            delete(work);
        }
    }

    /** The command lines run, each with its own state directory under {@code work}. */
    static List<String[]> commandLines(Path work) {
        var lines = new ArrayList<String[]>();
        lines.add(new String[] {"--version"});
        lines.add(new String[] {"--help"});
        for (var name : ExacmeCommand.SUBCOMMANDS) {
            lines.add(new String[] {name, "--help"});
        }
        var config = work.resolve("config").toString();
        lines.add(new String[] {"list", "--config-dir", config});
        lines.add(new String[] {"list", "--json", "--config-dir", config});
        lines.add(new String[] {"show", "training", "--config-dir", config});
        lines.add(new String[] {"dns", "providers"});
        for (var keyType : List.of("ec256", "rsa2048")) {
            lines.add(new String[] {"issue", "-d", "training.invalid", "--server", "https://127.0.0.1:1/dir",
                "--agree-tos", "--email", "training@training.invalid", "--key-type", keyType, "--config-dir",
                work.resolve("issue-" + keyType).toString(), "--out", work.resolve("out-" + keyType).toString()});
        }
        return lines;
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
