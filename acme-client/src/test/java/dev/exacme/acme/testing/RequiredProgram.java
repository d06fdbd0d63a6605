package dev.exacme.acme.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.TestAbortedException;

/**
 * A program from a Debian package that tests talk to for real. Missing, it skips the tests
 * with an install hint, except under {@code CI=true}, where it fails them: CI must never
 * pass by skipping.
 */
final class RequiredProgram {

    private RequiredProgram() {
    }

    static void require(Path program, String debianPackage) {
        if (Files.isExecutable(program)) {
            return;
        }
        var hint = program + " is not installed; install it with: apt-get install " + debianPackage;
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(hint + " (CI=true: these tests must run)");
        }
        throw new TestAbortedException(hint);
    }
}
