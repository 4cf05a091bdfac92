package io.qmoe.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exact state of an interrupted run: the grid index reached and the unwrapped angles, as raw IEEE doubles, so a
 * resumed run continues bit for bit. Written atomically.
 */
public record Checkpoint(int step, double[] angles) {
    private static final int MAGIC = 0x514D4F45; // "QMOE"
    private static final int VERSION = 1;

    /** Writes the checkpoint atomically. */
    public void write(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 8 * angles.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(step);
            out.writeInt(angles.length);
            for (double a : angles) {
                out.writeDouble(a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** Reads a checkpoint, with a one-line error for a missing or corrupt file. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read checkpoint: " + e.getMessage());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException(file + ": not a qmoe checkpoint (version " + VERSION + ")");
            }
            int step = in.readInt();
            int n = in.readInt();
            if (n < 0 || bytes.length != 16 + 8L * n) {
                throw new IllegalArgumentException(file + ": checkpoint is truncated or corrupt");
            }
            double[] angles = new double[n];
            for (int i = 0; i < n; i++) {
                angles[i] = in.readDouble();
            }
            return new Checkpoint(step, angles);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": checkpoint is truncated or corrupt");
        }
    }
}
