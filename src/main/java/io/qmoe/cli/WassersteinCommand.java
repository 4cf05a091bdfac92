package io.qmoe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.TorusPoints;
import io.qmoe.meanfield.Wasserstein;
import io.qmoe.report.AngleTable;
import io.qmoe.report.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qmoe wasserstein}: the exact Wasserstein distance between two angle clouds on the torus. */
@Command(name = "wasserstein", mixinStandardHelpOptions = true,
        description = {"Exact Wasserstein distance W_p between the empirical measures of two angle files on the flat "
                + "torus [0, 2pi)^d (periodic distance per coordinate), by exact optimal transport certified over "
                + "all pairs: no entropic approximation.",
                "Files: CSV, one point per row, one angle (radians) per column, optional header row; e.g. the "
                        + "angles-*.csv snapshots of 'qmoe train'. The files may hold any numbers of points (masses 1/n "
                        + "and 1/m)."})
final class WassersteinCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.csv", description = "First angle cloud.")
    Path a;

    @Parameters(index = "1", paramLabel = "B.csv", description = "Second angle cloud.")
    Path b;

    @Option(names = "--p", defaultValue = "2", description = "Order p: 1 or 2 (default ${DEFAULT-VALUE}).")
    int p;

    @Option(names = "--json", description = "Print a JSON object (distance, p, n_a, n_b, dimension).")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (p != 1 && p != 2) {
            throw new UserInputException("--p must be 1 or 2, got " + p);
        }
        AngleTable.Cloud ca = AngleTable.read(InputFiles.readable(a, "angle file"));
        AngleTable.Cloud cb = AngleTable.read(InputFiles.readable(b, "angle file"));
        if (ca.dimension() != cb.dimension()) {
            throw new UserInputException(a + " has " + ca.dimension() + " angle column(s) but " + b + " has "
                    + cb.dimension());
        }
        double distance = Wasserstein.distance(TorusPoints.of(ca.dimension(), ca.angles()),
                TorusPoints.of(cb.dimension(), cb.angles()), p);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("distance", distance);
            o.put("p", p);
            o.put("n_a", ca.size());
            o.put("n_b", cb.size());
            o.put("dimension", ca.dimension());
            out.print(Json.text(o));
        } else {
            out.println(distance);
        }
        out.flush();
        return 0;
    }
}
