package io.qmoe.mixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and writes datasets as CSV: a header {@code x1,…,xk,y} (any names; the last column is the target) and one
 * point per line. Blank lines and lines starting with {@code #} are skipped. Errors are one line naming
 * {@code file:line:column}.
 *
 * <p>A number is exactly a CSV decimal: optional sign, digits with an optional point (or a point and digits), optional
 * exponent {@code e±digits}, surrounded by optional spaces — not Java's wider {@code Double.parseDouble} syntax
 * ({@code 0.5d}, {@code 0x1p-2}, control characters). {@code nan}, {@code inf} and numbers beyond the double range
 * are refused as not finite. A first row made only of numbers is refused (it would otherwise be taken as the header
 * and lost): the file must start with a header row.
 */
public final class DatasetCsv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");

    private DatasetCsv() {
    }

    /** Reads a CSV file. */
    public static Dataset read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static Dataset parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                boolean allNumbers = true;
                for (String c : cells) {
                    allNumbers &= DECIMAL.matcher(c.strip()).matches();
                }
                if (allNumbers) {
                    throw new DatasetException(source + ":" + (ln + 1) + ":1: the first row '" + shown(line.strip())
                            + "' holds only numbers: the file must start with a header row naming the columns, "
                            + "e.g. 'x0,y'");
                }
                header = new ArrayList<>();
                for (String c : cells) {
                    header.add(c.strip());
                }
                if (header.size() < 2) {
                    throw new DatasetException(source + ":" + (ln + 1) + ":1: header needs at least one feature "
                            + "column and a target column, e.g. 'x0,y'");
                }
                continue;
            }
            if (cells.length != header.size()) {
                throw new DatasetException(source + ":" + (ln + 1) + ":1: expected " + header.size()
                        + " columns (" + String.join(",", header) + ") but found " + cells.length);
            }
            double[] row = new double[cells.length];
            int col = 1;
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c].strip();
                int column = col + (cells[c].length() - cells[c].stripLeading().length());
                boolean decimal = DECIMAL.matcher(cell).matches();
                if (!decimal && !NOT_FINITE.matcher(cell.toLowerCase(Locale.ROOT)).matches()) {
                    throw new DatasetException(source + ":" + (ln + 1) + ":" + column + ": '" + shown(cell)
                            + "' in column '" + shown(header.get(c)) + "' is not a number");
                }
                row[c] = decimal ? Double.parseDouble(cell) : Double.NaN;
                if (!Double.isFinite(row[c])) {
                    throw new DatasetException(source + ":" + (ln + 1) + ":" + column + ": '" + cell
                            + "' in column '" + header.get(c) + "' is not a finite number");
                }
                col += cells[c].length() + 1;
            }
            rows.add(row);
        }
        if (header == null) {
            throw new DatasetException(source + ": empty file: expected a header such as 'x0,y' and data rows");
        }
        if (rows.isEmpty()) {
            throw new DatasetException(source + ": no data rows after the header");
        }
        int k = header.size() - 1;
        double[] features = new double[rows.size() * k];
        double[] targets = new double[rows.size()];
        for (int a = 0; a < rows.size(); a++) {
            System.arraycopy(rows.get(a), 0, features, a * k, k);
            targets[a] = rows.get(a)[k];
        }
        return new Dataset(source, header.subList(0, k), features, targets);
    }

    /** A cell as shown in a message: printable, at most 40 characters. */
    private static String shown(String text) {
        String printable = text.codePoints().map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }

    /** CSV text for a dataset, with full double precision (values round-trip exactly). */
    public static String format(Dataset d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", d.featureNames())).append(",y\n");
        for (int a = 0; a < d.size(); a++) {
            for (double v : d.features(a)) {
                sb.append(v).append(',');
            }
            sb.append(d.target(a)).append('\n');
        }
        return sb.toString();
    }

}
