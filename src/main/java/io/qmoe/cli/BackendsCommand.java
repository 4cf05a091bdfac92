package io.qmoe.cli;

import io.qmoe.remote.IbmRuntimeConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code qmoe backends}: what {@code --backend} accepts here and how the remote QPU is configured (no secrets). */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends --backend accepts and the remote-QPU configuration found in the "
                + "environment (the token itself is never shown).")
final class BackendsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Map<String, String> env = System.getenv();
        out.println("statevector        exact, double precision, " + Runtime.getRuntime().availableProcessors()
                + " processor(s); adjoint gradients");
        out.println("strange            exact up to single precision (Strange 0.1.3); parameter-shift gradients");
        out.println("shots:N[:INNER]    N shots per binding and term group from statevector (default) or strange");
        boolean token = env.containsKey("QMOE_IBM_TOKEN") || env.containsKey("QMOE_IBM_TOKEN_FILE");
        out.println("ibm-runtime:DEVICE IBM Quantum Estimator V2 over REST: "
                + (token ? "token configured" : "no token (set QMOE_IBM_TOKEN or QMOE_IBM_TOKEN_FILE)"));
        out.println("                   url " + env.getOrDefault("QMOE_IBM_URL", IbmRuntimeConfig.DEFAULT_URL)
                + ", instance " + env.getOrDefault("QMOE_IBM_INSTANCE", "(none)") + ", precision "
                + env.getOrDefault("QMOE_IBM_PRECISION", "0.015"));
        out.flush();
        return 0;
    }
}
