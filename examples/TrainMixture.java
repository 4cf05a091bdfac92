// A Strange user trains a mixture of quantum experts in a dozen lines.
// Run from the repository root after `./qmoe --version` has built the jar:
//   java -cp target/qmoe-cli.jar examples/TrainMixture.java
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.strange.StrangePrograms;
import java.nio.file.Path;
import org.redfx.strange.Program;

public class TrainMixture {
    public static void main(String[] args) {
        // the expert: RY(t0) · RX(x0) · RY(t1) on one qubit, output <Z0>
        ParametricCircuit circuit = ParametricCircuit.builder(1).trainable("t0", "t1").data("x0")
                .ry(0, "t0").rx(0, "x0").ry(0, "t1").build();
        Expert expert = Expert.on(circuit, PauliObservable.z(0), new StateVectorEstimator());
        Dataset data = DatasetCsv.read(Path.of("examples/wave.csv"));
        MixtureOfExperts mixture = new MixtureOfExperts(expert, 500);
        double[] angles = mixture.initialAngles(42);                      // i.i.d. uniform on the torus
        TimeGrid grid = TimeGrid.of(10, 0.05);
        new GradientFlowTrainer(mixture, data, new RungeKutta4Integrator(), grid).run(angles, 0, grid.steps(),
                (step, t, e) -> {
                    if (step % 50 == 0) {
                        System.out.printf("t = %5.2f   loss = %.3e%n", t, e.loss());
                    }
                });
        // any trained expert is an ordinary Strange program again
        double[] first = {angles[0], angles[1], 0.5};
        Program program = StrangePrograms.toProgram(circuit, first);
        System.out.println("expert 0 as a Strange program with " + program.getSteps().size() + " steps");
    }
}
