package io.qmoe.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any reader runs, that a file the user named exists and can be read, so the error says which. */
final class InputFiles {
    private InputFiles() {
    }

    /** Returns {@code file} when it is a readable regular file; else one line naming it and {@code what} it is. */
    static Path readable(Path file, String what) {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": no such " + what);
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory, not a " + what);
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(file + ": the " + what + " cannot be read (permission denied)");
        }
        return file;
    }
}
