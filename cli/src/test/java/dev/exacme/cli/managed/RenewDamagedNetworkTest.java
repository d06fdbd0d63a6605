package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged {@code network.json} stops {@code exacme renew} with exit 1 naming the file, also when
 * nothing is sent anywhere (the notification step reads the settings though it builds no HTTP
 * client without a webhook): the scheduled run says so before a renewal falls due and fails on it.
 */
class RenewDamagedNetworkTest {

    @TempDir
    Path config;

    @Test
    void aDamagedNetworkFileIsSaidWithItsNameAndExit1() throws Exception {
        Files.createDirectories(config.resolve("certificates"));
        Files.writeString(config.resolve("certificates/mail.json"), "{ not json");
        Files.writeString(config.resolve("network.json"), "{\"proxy\": ");

        var run = CommandRun.of("renew", "--config-dir", config.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("network.json"), run.err());
    }
}
