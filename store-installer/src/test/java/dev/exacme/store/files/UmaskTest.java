package dev.exacme.store.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever the umask, the directories the file stores create and the keys in them get the
 * modes exacme promises: 0700 and 0600, or 0750 and 0640 with the key's group; certificates
 * 0644; directories above PEM sets 0755. The installs run in a child JVM started under the umask ({@link InstallUnderUmask}),
 * since a JVM cannot change its own.
 */
class UmaskTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"000,-", "022,-", "077,-", "000,daemon", "077,daemon"})
    void directoriesAndKeysGetTheirModesWhateverTheUmask(String umask, String group) throws Exception {
        var base = temp.resolve("umask-" + umask);
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the arguments as positional parameters, so that no path is ever parsed by the shell
        var command = "umask " + umask + " && exec \"$0\" -cp \"$1\" " + InstallUnderUmask.class.getName()
                + " \"$2\" \"$3\"";
        var process = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"),
                base.toString(), group).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);

        var grouped = !group.equals("-");
        var directory = grouped ? "rwxr-x--- " + group : "rwx------";
        var key = grouped ? "rw-r----- " + group : "rw-------";
        var expected = new LinkedHashMap<String, String>();
        for (var created : new String[] {"pem/web", "pem/web.previous", "named/www.example.com", "pfx", "keystore"}) {
            expected.put(created, directory);
        }
        // above the PEM sets: only directories, so that a group given a key later can reach it
        expected.put("pem", "rwxr-xr-x");
        expected.put("named", "rwxr-xr-x");
        for (var keyFile : new String[] {"pem/web/key.pem", "pem/web.previous/key.pem", "named/www.example.com/key.pem",
                "pfx/mail.pfx", "pfx/mail.pfx.previous", "keystore/server.jks", "keystore/server.jks.previous"}) {
            expected.put(keyFile, key);
        }
        for (var certificate : new String[] {"pem/web/cert.pem", "pem/web/chain.pem", "pem/web/fullchain.pem"}) {
            expected.put(certificate, "rw-r--r--");
        }
        for (var lock : new String[] {"pem/.web.lock", "named/.www.example.com.lock", "pfx/.mail.pfx.lock",
                "keystore/.server.jks.lock"}) {
            expected.put(lock, "rw-------");
        }
        var actual = new LinkedHashMap<String, String>();
        for (var path : expected.keySet()) {
            actual.put(path, describe(base.resolve(path), expected.get(path).contains(" ")));
        }
        assertEquals(expected, actual, "umask " + umask);
        assertEquals(Map.of(), unexpected(base, expected), "nothing else is left");
    }

    private static String describe(Path path, boolean withGroup) throws IOException {
        if (!Files.exists(path)) {
            return "missing";
        }
        var attributes = Files.readAttributes(path, PosixFileAttributes.class);
        return PosixFilePermissions.toString(attributes.permissions())
                + (withGroup ? " " + attributes.group().getName() : "");
    }

    /** Files and directories under {@code base} the test does not expect (temporary files, sets being written). */
    private static Map<String, String> unexpected(Path base, Map<String, String> expected) throws IOException {
        var found = new LinkedHashMap<String, String>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (var path : walk.skip(1).toList()) {
                var relative = base.relativize(path).toString();
                var inASet = relative.startsWith("pem/web/") || relative.startsWith("pem/web.previous/")
                        || relative.startsWith("named/www.example.com/");
                if (!expected.containsKey(relative) && !inASet) {
                    found.put(relative, describe(path, false));
                }
            }
        }
        return found;
    }
}
