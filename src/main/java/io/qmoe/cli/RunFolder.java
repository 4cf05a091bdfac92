package io.qmoe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The output folder of one run ({@code train} or {@code analyze}), held for the run's whole life:
 * <ul>
 *   <li><b>one writer</b>: an exclusive operating-system lock on {@code .qmoe.lock} (which also holds the owner's pid for
 *   the message), released on exit and by the operating system when the process dies, so a stale lock never blocks;</li>
 *   <li><b>nothing overwritten without asking</b>: a new run refuses a folder that already holds a file it would write;
 *   {@code --overwrite} removes exactly the files qmoe writes there, never anything else; {@code --resume} needs the
 *   folder's earlier results.</li>
 * </ul>
 */
final class RunFolder implements AutoCloseable {
    /** How a run treats what the folder already holds. */
    enum Mode {
        /** A new run: refuse a folder holding any of the run's outputs. */
        NEW,
        /** Continue the run whose results are there. */
        RESUME,
        /** Remove the run's own outputs, then start anew. */
        OVERWRITE;

        /** The mode the options {@code --resume} and {@code --overwrite} ask for; both at once are refused. */
        static Mode of(boolean resume, boolean overwrite) {
            if (resume && overwrite) {
                throw new UserInputException("--resume and --overwrite exclude each other");
            }
            return resume ? RESUME : overwrite ? OVERWRITE : NEW;
        }
    }

    private static final String LOCK = ".qmoe.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir} for a run whose outputs are the files matching {@code owned} (names relative to the folder,
     * with '/' separators); {@code marker} is the file whose presence says the folder holds a resumable run.
     *
     * @throws UserInputException when another process holds the folder, or the mode does not fit what is there
     */
    static RunFolder open(Path dir, Mode mode, Predicate<String> owned, String marker, String resumeHint) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("--out " + dir + ": cannot create the folder (" + e.getMessage() + ")");
        }
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new UserInputException("--out " + dir + " is in use by another qmoe run"
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; wait for it or choose another --out");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UserInputException("--out " + dir + ": cannot lock the folder (" + e.getMessage() + ")");
        }
        RunFolder folder = new RunFolder(dir, channel, lock);
        try {
            List<String> existing = folder.owned(owned);
            switch (mode) {
                case RESUME:
                    if (!Files.exists(dir.resolve(marker))) {
                        throw new UserInputException("--resume: " + dir + " holds no " + resumeHint + " (no "
                                + marker + ")");
                    }
                    break;
                case NEW:
                    if (Files.exists(dir.resolve(marker))) {
                        throw new UserInputException("--out " + dir + " already holds a " + resumeHint + " ("
                                + marker + "): add --resume to continue it, --overwrite to replace it, or choose "
                                + "another --out");
                    }
                    if (!existing.isEmpty()) {
                        throw new UserInputException("--out " + dir + " already holds " + existing.get(0)
                                + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more file(s)" : "")
                                + " that this run would write: move them, add --overwrite to replace them, or "
                                + "choose another --out");
                    }
                    break;
                case OVERWRITE:
                    for (String f : existing) {
                        Files.deleteIfExists(dir.resolve(f));
                    }
                    break;
                default:
                    throw new IllegalStateException(mode.toString());
            }
        } catch (IOException e) {
            folder.close();
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        return folder;
    }

    /** The folder. */
    Path path() {
        return dir;
    }

    /** The files below the folder matching {@code owned}, sorted, relative with '/' separators. */
    private List<String> owned(Predicate<String> owned) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(LOCK) && owned.test(rel)) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    /** Releases the lock and removes the lock file. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                Files.deleteIfExists(dir.resolve(LOCK));
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // the operating system releases the lock with the process in any case
        }
    }
}
