package io.qmoe.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Angle clouds as CSV: one point per row, one column per angle, in radians, with an optional header of names
 * (a first row that is not numeric). Written with full double precision so files round-trip exactly.
 */
public final class AngleTable {
    private AngleTable() {
    }

    /** CSV text for n points of dimension d stored flat ({@code angles[i*d + k]}), with a header of names. */
    public static String format(List<String> names, double[] angles) {
        int d = names.size();
        StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
        for (int i = 0; i < angles.length / d; i++) {
            for (int k = 0; k < d; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                sb.append(angles[i * d + k]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A cloud read from CSV: its dimension and flat coordinates. */
    public record Cloud(int dimension, double[] angles) {
        /** Number of points. */
        public int size() {
            return angles.length / dimension;
        }
    }

    /** Reads an angle CSV; errors name file:line:column. */
    public static Cloud read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        int d = -1;
        List<Double> values = new ArrayList<>();
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (first) {
                first = false;
                if (!isNumber(cells[0].strip())) {
                    d = cells.length;
                    continue;
                }
            }
            if (d < 0) {
                d = cells.length;
            }
            if (cells.length != d) {
                throw new IllegalArgumentException(file + ":" + (ln + 1) + ":1: expected " + d
                        + " angle column(s) but found " + cells.length);
            }
            int col = 1;
            for (String cell : cells) {
                String c = cell.strip();
                double v;
                try {
                    v = Double.parseDouble(c);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ":" + col + ": '" + c
                            + "' is not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ":" + col + ": '" + c
                            + "' is not a finite number");
                }
                values.add(v);
                col += cell.length() + 1;
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(file + ": no angle rows found");
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return new Cloud(d, out);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
