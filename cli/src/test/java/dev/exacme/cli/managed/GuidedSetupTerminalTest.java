package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme setup exchange} without {@code --domain}: at a real pseudo-terminal (util-linux
 * {@code script}, running exacme as a separate process) it asks, shows the commands and runs
 * them only on yes; Ctrl-D at a question or at the confirmation stops it; without a terminal
 * (also on Java 22 and later, where a console may be no terminal) it asks nothing and refuses as
 * before. On Linux a yes meets the refusal to deploy to Exchange here, so every run ends with
 * nothing written.
 */
class GuidedSetupTerminalTest {

    @TempDir
    Path temp;

    /** exacme at a terminal, answered prompt by prompt as a person would. */
    private static final class Terminal implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuffer screen = new StringBuffer();
        private int seen;

        Terminal(Path config) throws IOException {
            this(config, Path.of(System.getProperty("java.home")), "");
        }

        /**
         * exacme run by the Java in {@code javaHome}; {@code redirect} is added to the shell's command
         * line (e.g. {@code < /dev/null}: standard input is not the terminal, standard output still is).
         */
        Terminal(Path config, Path javaHome, String redirect) throws IOException {
            // The command comes from the environment, so that no path needs quoting for the shell script runs.
            var builder = new ProcessBuilder("script", "-qfec",
                    "exec \"$EXACME_JAVA\" -cp \"$EXACME_CLASSPATH\" dev.exacme.cli.Main setup exchange --config-dir"
                            + " \"$EXACME_CONFIG\"" + redirect, "/dev/null").redirectErrorStream(true);
            builder.environment().put("EXACME_JAVA", javaHome.resolve("bin/java").toString());
            builder.environment().put("EXACME_CLASSPATH", System.getProperty("java.class.path"));
            builder.environment().put("EXACME_CONFIG", config.toString());
            builder.environment().put("TERM", "dumb");
            process = builder.start();
            keys = process.getOutputStream();
            var reader = new Thread(() -> copy(process.getInputStream()), "terminal screen");
            reader.setDaemon(true);
            reader.start();
        }

        private void copy(InputStream output) {
            var buffer = new byte[4096];
            try {
                for (int n; (n = output.read(buffer)) > 0; ) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8).replace("\r", ""));
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }

        /** Waits until {@code prompt} appears after what was answered last, then types {@code answer} and Enter. */
        void answer(String prompt, String answer) throws Exception {
            await(prompt);
            type(answer + "\n");
        }

        void await(String text) throws InterruptedException {
            var deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (screen.indexOf(text, seen) < 0) {
                assertTrue(Instant.now().isBefore(deadline) && process.isAlive() || screen.indexOf(text, seen) >= 0,
                        "'" + text + "' did not appear:\n" + screen);
                Thread.sleep(20);
            }
            seen = screen.indexOf(text, seen) + text.length();
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        int exitCode() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exacme ended:\n" + screen);
            Thread.sleep(200); // the last output may still be on its way from the terminal
            return process.exitValue();
        }

        String screen() {
            return screen.toString();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static void requireScript() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux) is needed for a pseudo-terminal");
    }

    /** Answers every question, with a few wrong answers on the way, up to the confirmation. */
    private static void answerUpToTheConfirmation(Terminal terminal) throws Exception {
        terminal.answer("Names the certificate covers, separated by commas: ", "https://mail.contoso.com/owa");
        terminal.answer("Names the certificate covers, separated by commas: ", "mail.contoso.com,autodiscover.contoso.com");
        terminal.answer("(empty: none): ", "admin@contoso.com");
        terminal.answer("[http-01]: ", "dns-01");
        terminal.answer("DNS provider (rfc2136, cloudflare, azure, route53, acme-dns, script, windows): ", "cloudflare");
        terminal.answer("Cloudflare API token (Zone:Read, DNS:Edit) (not shown): ", "tok-9c1f-SECRET");
        terminal.answer("Mail renewal failures to (empty: no mail): ", "ops@contoso.com");
        terminal.answer("SMTP server (HOST or HOST:PORT): ", "smtp.contoso.com");
        terminal.answer("Connection security (starttls, tls, none) [starttls]: ", "");
        terminal.answer("Sender address: ", "exacme@contoso.com");
        terminal.answer("SMTP user (empty: no login): ", "relay");
        terminal.answer("Password of relay (not shown): ", "pw-51d0-SECRET");
    }

    private static final String COMMANDS = String.join("\n",
            "The commands (the secrets you typed are stored by 'exacme secret set', not shown):",
            "  exacme secret set exchange-cloudflare-token",
            "  exacme secret set smtp-password",
            "  exacme notify set-smtp --smtp-host smtp.contoso.com --smtp-port 587 --smtp-security starttls --smtp-user"
                    + " relay --smtp-password-secret smtp-password --from exacme@contoso.com --to ops@contoso.com",
            "  exacme add exchange --domain mail.contoso.com --domain autodiscover.contoso.com --email admin@contoso.com"
                    + " --agree-tos --key-type rsa2048 --store windows --deploy exchange --dns cloudflare"
                    + " --cloudflare-token-file secret:exchange-cloudflare-token",
            "  exacme schedule install",
            "Run these commands? [y/N]: ");

    @Test
    void atATerminalItAsksShowsTheCommandsAndRunsNothingOnNo() throws Exception {
        requireScript();
        var config = temp.resolve("config");
        try (var terminal = new Terminal(config)) {
            answerUpToTheConfirmation(terminal);
            terminal.answer(COMMANDS, "n");
            terminal.await("Nothing was run or written.");
            assertEquals(0, terminal.exitCode(), terminal.screen());

            var screen = terminal.screen();
            assertTrue(screen.contains("  'https://mail.contoso.com/owa' appears to be a URL; give the host name"
                    + " alone: -d mail.contoso.com.\n"), screen);
            assertFalse(screen.contains("SECRET"), "secrets are read without echo and never shown:\n" + screen);
        }
        assertFalse(Files.exists(config), "nothing was written");
    }

    @Test
    void aYesOnLinuxMeetsTheRefusalToDeployToExchangeBeforeAnythingIsWritten() throws Exception {
        requireScript();
        var config = temp.resolve("config");
        try (var terminal = new Terminal(config)) {
            answerUpToTheConfirmation(terminal);
            terminal.answer(COMMANDS, "yes");
            assertEquals(2, terminal.exitCode(), terminal.screen());
            assertTrue(terminal.screen().contains("exacme setup exchange talks to Exchange"), terminal.screen());
            assertFalse(terminal.screen().contains("SECRET"), terminal.screen());
        }
        assertFalse(Files.exists(config), "no secret, no notification, no certificate");
    }

    @Test
    void ctrlDAtAQuestionStopsWithExitTwoAndNothingWritten() throws Exception {
        requireScript();
        var config = temp.resolve("config");
        try (var terminal = new Terminal(config)) {
            terminal.answer("Names the certificate covers, separated by commas: ", "mail.contoso.com");
            terminal.await("(empty: none): ");
            terminal.type("\u0004");
            assertEquals(2, terminal.exitCode(), terminal.screen());
            assertTrue(terminal.screen().contains("exacme: setup stopped (input ended); nothing was written."),
                    terminal.screen());
        }
        assertFalse(Files.exists(config));
    }

    @Test
    void ctrlDAtTheConfirmationStopsWithExitTwoAndNothingWritten() throws Exception {
        requireScript();
        var config = temp.resolve("config");
        try (var terminal = new Terminal(config)) {
            answerUpToTheConfirmation(terminal);
            terminal.await(COMMANDS);
            terminal.type("\u0004");
            assertEquals(2, terminal.exitCode(), terminal.screen());
            var screen = terminal.screen();
            assertTrue(screen.contains("exacme: setup stopped (input ended); nothing was written."), screen);
            assertFalse(screen.contains("exacme: input ended"), screen);
            assertFalse(screen.contains("SECRET"), screen);
        }
        assertFalse(Files.exists(config), "no secret, no notification, no certificate");
    }

    /**
     * A Java of version 22 or later on this machine, where {@code System.console()} may be a console
     * that is no terminal and {@code Console.isTerminal()} says which: the test's own, or one in
     * /usr/lib/jvm.
     */
    private static Optional<Path> java22OrLater() throws IOException {
        var homes = new ArrayList<Path>(List.of(Path.of(System.getProperty("java.home"))));
        var installed = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(installed)) {
            try (var listed = Files.list(installed)) {
                listed.sorted().forEach(homes::add);
            }
        }
        for (var home : homes) {
            var release = home.resolve("release");
            if (Files.isExecutable(home.resolve("bin/java")) && Files.isReadable(release)) {
                var version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE)
                        .matcher(Files.readString(release));
                if (version.find() && Integer.parseInt(version.group(1)) >= 22) {
                    return Optional.of(home);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void onJava22OrLaterATerminalIsAskedAndInputFromElsewhereIsNot() throws Exception {
        requireScript();
        var java = java22OrLater();
        assumeTrue(java.isPresent(), "a Java 22 or later is needed (none here: the test's is "
                + System.getProperty("java.version") + ")");
        var config = temp.resolve("config");
        try (var terminal = new Terminal(config, java.get(), "")) {
            // Console.isTerminal() called by reflection says yes: the first question comes.
            terminal.await("Names the certificate covers, separated by commas: ");
            terminal.type("\u0004");
            assertEquals(2, terminal.exitCode(), terminal.screen());
            assertTrue(terminal.screen().contains("exacme: setup stopped (input ended); nothing was written."),
                    terminal.screen());
        }
        try (var terminal = new Terminal(config, java.get(), " < /dev/null")) {
            assertEquals(2, terminal.exitCode(), terminal.screen());
            var screen = terminal.screen();
            assertTrue(screen.contains("exacme: Missing required option: '--domain=NAME'"), screen);
            assertFalse(screen.contains("Names the certificate covers"), "nothing is asked:\n" + screen);
        }
        assertFalse(Files.exists(config));
    }

    @Test
    void withoutATerminalNothingIsAskedAndTheMissingOptionIsNamed() throws Exception {
        var config = temp.resolve("config");
        var run = CommandRun.of("setup", "exchange", "--config-dir", config.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("exacme: Missing required option: '--domain=NAME'"), run.toString());
        assertEquals("", run.out());
        assertFalse(Files.exists(config));

        var json = CommandRun.of("setup", "exchange", "--json", "--config-dir", config.toString());
        assertEquals(2, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"kind\" : \"usage\""), json.toString());
    }
}
