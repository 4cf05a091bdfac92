package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.qasm.QasmReader;
import io.qmoe.testing.RandomCircuits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Native gates and connectivity: circuits decomposed to a device's basis, placed and routed on heavy-hex coupling
 * maps, read back by qmoe's own QASM reader and evaluated with the mapped observable on the state-vector engine,
 * give the values of the original circuit.
 */
class CouplingRouterTest {
    /** The 7-qubit heavy-hex unit (Falcon r5.11H) 0-1-2, 1-3, 3-5, 4-5-6, with ECR native in one direction only. */
    private static final String HEAVY_HEX_7 = "[[1,0],[1,2],[3,1],[3,5],[4,5],[6,5]]";
    /** One heavy-hex cell: a ring of 12 qubits (6 of degree 3 in the lattice and 6 bridges), both directions. */
    private static final String RING_12;

    static {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            int j = (i + 1) % 12;
            sb.append(i == 0 ? "" : ",").append("[").append(i).append(",").append(j).append("],[").append(j)
                    .append(",").append(i).append("]");
        }
        RING_12 = sb.append("]").toString();
    }

    private FakeRuntimeServer server;
    private final StateVectorEstimator exact = new StateVectorEstimator(1);

    @BeforeEach
    void start() throws Exception {
        server = new FakeRuntimeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String configuration(String basis, int qubits, String map) {
        return "{\"backend_name\":\"fake_heavy_hex\",\"n_qubits\":" + qubits + ",\"basis_gates\":" + basis
                + ",\"coupling_map\":" + map + "}";
    }

    private IbmRuntimeEstimator estimator() {
        IbmRuntimeConfig config = IbmRuntimeConfig.fromEnvironment("fake_heavy_hex", Map.of("QMOE_IBM_URL",
                server.url().toString(), "QMOE_IBM_IAM_URL", server.iamUrl().toString(),
                "QMOE_IBM_INSECURE_LOOPBACK", "1")).withTiming(Duration.ofMillis(2000), Duration.ofMillis(1),
                Duration.ofMillis(4), Duration.ofMillis(5000), 3, Duration.ofMillis(2), Duration.ofMillis(20));
        return new IbmRuntimeEstimator(config, ApiToken.of(FakeRuntimeServer.TOKEN), null,
                d -> Thread.sleep(d.toMillis()), System::currentTimeMillis);
    }

    private static double[][] bindings(SplittableRandom rnd, ParametricCircuit c, int rows) {
        double[][] b = new double[rows][];
        for (int r = 0; r < rows; r++) {
            b[r] = RandomCircuits.inputs(rnd, c);
        }
        return b;
    }

    /** Checks the sent programs: only the native gates, two-qubit gates only on native (ordered) pairs. */
    private void onlyNativeGatesOnCoupledPairs(String twoQubit, boolean[][] allowed) {
        Pattern two = Pattern.compile("^(\\w+) q\\[(\\d+)\\], q\\[(\\d+)\\];$");
        for (String program : server.programs) {
            for (String line : program.lines().toList()) {
                if (line.startsWith("OPENQASM") || line.startsWith("include") || line.startsWith("input")
                        || line.startsWith("qubit")) {
                    continue;
                }
                String gate = line.replaceAll("[ (].*", "");
                assertThat(gate).as(line).isIn("rz", "sx", "x", twoQubit);
                Matcher m = two.matcher(line);
                if (m.matches()) {
                    assertThat(allowed[Integer.parseInt(m.group(2))][Integer.parseInt(m.group(3))]).as(line).isTrue();
                }
            }
        }
    }

    private static boolean[][] pairs(String map, int n) throws Exception {
        boolean[][] a = new boolean[n][n];
        for (var p : new ObjectMapper().readTree(map)) {
            a[p.get(0).asInt()][p.get(1).asInt()] = true;
        }
        return a;
    }

    @Test
    void theBundledFourQubitRingOnAnEcrHeavyHexGivesTheOriginalValues() throws Exception {
        server.configuration = configuration("[\"ecr\",\"id\",\"rz\",\"sx\",\"x\"]", 7, HEAVY_HEX_7);
        LoadedCircuit hea = QasmReader.parse(Files.readString(Path.of("circuits/hea-4q.qasm")), "hea-4q.qasm");
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] b = bindings(rnd, hea.circuit(), 4);
        IbmRuntimeEstimator est = estimator();
        for (PauliObservable o : List.of(hea.observable(), PauliObservable.parse("0.3*X0Y2 - 0.7*Z3 + Y1Z2X3"))) {
            double[] remote = est.values(hea.circuit(), o, b);
            double[] local = exact.values(hea.circuit(), o, b);
            for (int i = 0; i < b.length; i++) {
                assertThat(remote[i]).isCloseTo(local[i], within(1e-12));
            }
        }
        // a ring cannot be laid on a tree without SWAPs: the program must have more ecr than the circuit has cx
        assertThat(server.programs.get(0).lines().filter(l -> l.startsWith("ecr")).count()).isGreaterThan(8);
        onlyNativeGatesOnCoupledPairs("ecr", pairs(HEAVY_HEX_7, 7));
    }

    @Test
    void randomCircuitsOnHeavyHexMapsForEveryNativeGateGiveTheOriginalValues() throws Exception {
        SplittableRandom rnd = new SplittableRandom(17);
        record Device(String basis, int qubits, String map, String twoQubit) {
        }
        List<Device> devices = List.of(new Device("[\"ecr\",\"rz\",\"sx\",\"x\"]", 7, HEAVY_HEX_7, "ecr"),
                new Device("[\"cx\",\"rz\",\"sx\",\"x\"]", 7, HEAVY_HEX_7, "cx"),
                new Device("[\"cz\",\"rz\",\"sx\",\"x\"]", 12, RING_12, "cz"),
                new Device("[\"ecr\",\"rz\",\"sx\",\"x\"]", 12, RING_12, "ecr"));
        for (Device d : devices) {
            server.configuration = configuration(d.basis(), d.qubits(), d.map());
            server.programs.clear();
            IbmRuntimeEstimator est = estimator();
            for (int trial = 0; trial < 4; trial++) {
                int n = 2 + rnd.nextInt(4);
                ParametricCircuit c = RandomCircuits.circuit(rnd, n, 14, false);
                PauliObservable o = RandomCircuits.observable(rnd, n);
                double[][] b = bindings(rnd, c, 3);
                double[] remote = est.values(c, o, b);
                double[] local = exact.values(c, o, b);
                for (int i = 0; i < b.length; i++) {
                    assertThat(remote[i]).as(d.twoQubit() + " trial " + trial).isCloseTo(local[i], within(1e-12));
                }
            }
            onlyNativeGatesOnCoupledPairs(d.twoQubit(), pairs(d.map(), d.qubits()));
        }
    }

    @Test
    void circuitsThatCannotBeMappedAreRefusedInOneLineBeforeAnyJob() {
        ParametricCircuit eight = RandomCircuits.circuit(new SplittableRandom(3), 8, 10, false);
        server.configuration = configuration("[\"ecr\",\"rz\",\"sx\",\"x\"]", 7, HEAVY_HEX_7);
        PauliObservable z = PauliObservable.parse("Z0");
        Throwable t = catchThrowable(() -> estimator().values(eight, z, new double[][] {RandomCircuits.inputs(
                new SplittableRandom(1), eight)}));
        assertThat(t).isInstanceOf(RemoteJobException.class).hasMessage("the circuit has 8 qubits but fake_heavy_hex "
                + "has 7");
        ParametricCircuit four = RandomCircuits.circuit(new SplittableRandom(4), 4, 10, false);
        server.configuration = configuration("[\"cz\",\"rz\",\"sx\",\"x\"]", 6, "[[0,1],[1,2],[3,4],[4,5]]");
        t = catchThrowable(() -> estimator().values(four, z, new double[][] {RandomCircuits.inputs(
                new SplittableRandom(1), four)}));
        assertThat(t).isInstanceOf(RemoteJobException.class)
                .hasMessageStartingWith("the coupling map of fake_heavy_hex has no connected set of 4 qubits");
        server.configuration = configuration("[\"iswap\",\"rz\",\"sx\",\"x\"]", 6, "[[0,1]]");
        t = catchThrowable(() -> estimator().values(four, z, new double[][] {RandomCircuits.inputs(
                new SplittableRandom(1), four)}));
        assertThat(t).hasMessageContaining("none of the two-qubit gates cz, ecr, cx");
        assertThat(server.posts.get()).isZero();
    }

    /**
     * The fake's stand-in for ecr, x(a); h(b); rzz(−π/2)(a, b); h(b), is the ECR matrix Qiskit documents,
     * (1/√2)[[0, 1, 0, i], [1, 0, −i, 0], [0, i, 0, 1], [−i, 0, 1, 0]] in the basis |q1 q0⟩ with q0 = a, up to a
     * global phase (checked with explicit 4×4 complex products).
     */
    @Test
    void theFakesEcrStandInIsTheDocumentedEcrMatrix() {
        double s = 1 / Math.sqrt(2);
        double[][][] ecr = new double[4][4][2];
        int[][] ones = {{0, 1}, {1, 0}, {2, 3}, {3, 2}};
        for (int[] p : ones) {
            ecr[p[0]][p[1]][0] = s;
        }
        ecr[0][3][1] = s;
        ecr[1][2][1] = -s;
        ecr[2][1][1] = s;
        ecr[3][0][1] = -s;
        double[][][] x0 = new double[4][4][2];
        double[][][] h1 = new double[4][4][2];
        double[][][] rzz = new double[4][4][2];
        for (int i = 0; i < 4; i++) {
            x0[i ^ 1][i][0] = 1;
            int bit1 = i >> 1;
            h1[i & 1][i][0] = s; // |bit1=0⟩ component
            h1[(i & 1) | 2][i][0] = bit1 == 0 ? s : -s;
            boolean even = ((i & 1) ^ (i >> 1)) == 0;
            // rzz(θ) = exp(−iθ/2 Z⊗Z), θ = −π/2: e^{+iπ/4} on even parity, e^{−iπ/4} on odd
            rzz[i][i][0] = Math.cos(Math.PI / 4);
            rzz[i][i][1] = even ? Math.sin(Math.PI / 4) : -Math.sin(Math.PI / 4);
        }
        double[][][] u = mul(h1, mul(rzz, mul(h1, x0)));
        // global phase from the (1, 0) entry, which is s in the ECR matrix
        double pr = u[1][0][0] / s;
        double pi = u[1][0][1] / s;
        assertThat(Math.hypot(pr, pi)).isCloseTo(1, within(1e-12));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double er = ecr[i][j][0] * pr - ecr[i][j][1] * pi;
                double ei = ecr[i][j][0] * pi + ecr[i][j][1] * pr;
                assertThat(u[i][j][0]).as(i + "," + j).isCloseTo(er, within(1e-12));
                assertThat(u[i][j][1]).as(i + "," + j).isCloseTo(ei, within(1e-12));
            }
        }
        assertThat(FakeRuntimeServer.withoutEcr("ecr q[3], q[5];\n")).isEqualTo("x q[3];\nh q[5];\n"
                + "rzz(-pi/2) q[3], q[5];\nh q[5];\n");
    }

    private static double[][][] mul(double[][][] a, double[][][] b) {
        double[][][] c = new double[4][4][2];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    c[i][j][0] += a[i][k][0] * b[k][j][0] - a[i][k][1] * b[k][j][1];
                    c[i][j][1] += a[i][k][0] * b[k][j][1] + a[i][k][1] * b[k][j][0];
                }
            }
        }
        return c;
    }
}
