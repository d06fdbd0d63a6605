package dev.exacme.cli.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.DataInputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli's classes are the ones compiled from its sources by this module's build, for Java 17:
 * its Maven jar holds Java 5 class files, which class data sharing refuses to archive, so every
 * start loaded and verified them (and every exacme class implementing their interfaces) from the
 * jar again (bench/STARTUP.md).
 */
class PicocliClassFilesTest {

    @Test
    void picocliIsCompiledForJava17NotTakenFromItsJar() throws Exception {
        var location = CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(location.endsWith(".jar"), "picocli came from " + location);
        try (var in = new DataInputStream(CommandLine.class.getResourceAsStream("CommandLine.class"))) {
            assertEquals(0xCAFEBABE, in.readInt());
            in.readUnsignedShort();
            assertEquals(61, in.readUnsignedShort(), "class file major version (61: Java 17)");
        }
    }
}
