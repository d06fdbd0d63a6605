package dev.exacme.lifecycle.statedirectory;

import java.io.IOException;
import java.nio.file.Path;

/** Creates the state directory given as the argument, for a test that runs it under another umask. */
public final class CreateStateDirectory {

    private CreateStateDirectory() {
    }

    /** Creates {@code arguments[0]} as exacme would. */
    public static void main(String[] arguments) throws IOException {
        StateDirectoryProtection.forThisPlatform().create(Path.of(arguments[0]));
    }
}
