package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the real-server tests need from the system: Debian programs and root. Missing, a test
 * is skipped with an install hint, except under {@code CI=true}, where it fails.
 */
final class Programs {

    private Programs() {
    }

    static Path require(Path program, String debianPackage) {
        if (!Files.isExecutable(program)) {
            unavailable(program + " is not installed; install it with: apt-get install " + debianPackage);
        }
        return program;
    }

    static Path requireLibrary(Path library, String debianPackage) {
        if (!Files.isRegularFile(library)) {
            unavailable(library + " is not installed; install it with: apt-get install " + debianPackage);
        }
        return library;
    }

    static void requireRoot(String why) {
        if (new UnixSystem().getUid() != 0) {
            unavailable(why + " needs root");
        }
    }

    static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true: these tests must run)");
        }
        Assumptions.abort(why);
    }

    static int freePort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
