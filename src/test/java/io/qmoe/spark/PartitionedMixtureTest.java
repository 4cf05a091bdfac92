package io.qmoe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.mixture.AdaptiveIntegrator;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.EulerIntegrator;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mixture partitioned in blocks on one shared {@code local[2]} context integrates to the same bits as the
 * single-machine trainer, with RK4, Euler and the adaptive integrator, for 1, 2, 5 and 16 partitions and across a
 * lineage checkpoint; its initial angles, drawn per
 * block by jumping the seeded stream, are the sequential draws.
 */
class PartitionedMixtureTest {
    private static final int N = 2500;
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkContexts.start("local[2]", "qmoe-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theKthDrawOfASeedIsTheFirstDrawOfTheSeedJumpedKGammas() {
        for (long seed : new long[] {0, 1, -7, Long.MAX_VALUE, 0x123456789abcdefL}) {
            SplittableRandom sequential = new SplittableRandom(seed);
            for (long k = 0; k < 3000; k++) {
                long next = sequential.nextLong();
                if (k < 20 || k % 97 == 0) {
                    assertThat(new SplittableRandom(seed + k * PartitionedMixture.GAMMA).nextLong()).isEqualTo(next);
                }
            }
        }
        int d = 3;
        double[] all = MixtureOfExperts.uniformAngles(N, d, 42);
        for (int from = 0; from < N; from += MixtureOfExperts.SUM_BLOCK) {
            int length = Math.min(N, from + MixtureOfExperts.SUM_BLOCK) - from;
            assertThat(PartitionedMixture.drawBlock(42, from, length, d))
                    .isEqualTo(Arrays.copyOfRange(all, from * d, (from + length) * d));
        }
    }

    /** The single-machine run: every stage's residuals, then the final residuals, and the final angles. */
    private record Run(List<double[]> residuals, double[] angles) {
    }

    private static Run threads(FlowIntegrator integrator, TimeGrid grid, OutputScaling scaling, long seed) {
        SparkSweepTest.QubitSource source = new SparkSweepTest.QubitSource();
        Dataset data = source.data();
        MixtureOfExperts mixture = new MixtureOfExperts(source.expert(), N, MixtureOfExperts.DEFAULT_MAX_BATCH,
                scaling);
        double[] angles = mixture.initialAngles(seed);
        List<double[]> residuals = new ArrayList<>();
        new GradientFlowTrainer(mixture, data, integrator, grid).run(angles, 0, grid.steps(), new TrainingObserver() {
            @Override
            public void stage(int step, FlowEvaluation e) {
                residuals.add(e.residuals());
            }

            @Override
            public void recorded(int step, double t, FlowEvaluation e) {
            }
        });
        residuals.add(mixture.evaluate(angles, data).residuals());
        return new Run(residuals, angles);
    }

    private static Run partitioned(FlowIntegrator integrator, TimeGrid grid, OutputScaling scaling, long seed,
                                   int partitions, int checkpointEvery) {
        PartitionedMixture p = new PartitionedMixture(spark, new SparkSweepTest.QubitSource(), N, seed, partitions,
                scaling).checkpointEvery(checkpointEvery);
        List<double[]> residuals = new ArrayList<>();
        p.run(grid, integrator, 0, grid.steps(), (step, stage, r) -> residuals.add(r));
        residuals.add(p.residuals());
        double[] angles = p.angles();
        p.release();
        return new Run(residuals, angles);
    }

    private static void assertSameBits(Run a, Run b) {
        assertThat(b.residuals()).hasSameSizeAs(a.residuals());
        for (int i = 0; i < a.residuals().size(); i++) {
            // Arrays.equals on double[] compares the bits (doubleToLongBits)
            assertThat(Arrays.equals(b.residuals().get(i), a.residuals().get(i))).as("residuals of stage " + i)
                    .isTrue();
        }
        assertThat(Arrays.equals(b.angles(), a.angles())).as("final angles").isTrue();
    }

    @Test
    void rk4OnPartitionedBlocksGivesTheTrainersBitsForAnyPartitionCountAndAcrossACheckpoint() {
        TimeGrid grid = TimeGrid.of(0.3, 0.1);
        Run reference = threads(new RungeKutta4Integrator(), grid, OutputScaling.MEAN_FIELD, 5);
        // the run moves: the residuals change, so equal bits are not equal starting points only
        assertThat(reference.residuals().get(0)).isNotEqualTo(reference.residuals().get(12));
        for (int partitions : new int[] {1, 2, 5, 16}) {
            assertSameBits(reference, partitioned(new RungeKutta4Integrator(), grid, OutputScaling.MEAN_FIELD, 5, partitions,
                    partitions == 16 ? 5 : 40));
        }
    }

    @Test
    void eulerInTheLazyScalingToo() {
        TimeGrid grid = TimeGrid.of(0.2, 0.1);
        assertSameBits(threads(new EulerIntegrator(), grid, OutputScaling.LAZY, 9),
                partitioned(new EulerIntegrator(), grid, OutputScaling.LAZY, 9, 5, 1));
    }

    @Test
    void adaptiveOnPartitionedBlocksGivesTheTrainersBitsStepControlIncluded() {
        TimeGrid grid = TimeGrid.of(0.2, 0.1);
        AdaptiveIntegrator adaptive = new AdaptiveIntegrator(1e-9);
        Run reference = threads(adaptive, grid, OutputScaling.MEAN_FIELD, 3);
        // two output intervals of 2 + 6·(attempts) evaluations each, and more than one step per interval: the
        // step control ran, not one fixed step
        assertThat(reference.residuals().size() - 1).isGreaterThan(2 * (2 + 6 * 2));
        for (int partitions : new int[] {1, 2, 5}) {
            assertSameBits(reference, partitioned(adaptive, grid, OutputScaling.MEAN_FIELD, 3, partitions,
                    partitions == 5 ? 3 : 400));
        }
    }
}
