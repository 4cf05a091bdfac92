package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairOrderTest {
    @Test
    void pairsComeBySourceThenSinkThenIndexAsAStableComparisonSortPutsThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int[] shape : new int[][] {{1, 1, 1}, {3, 5, 40}, {16, 4096, 20_000}, {500, 7, 3000}, {64, 64, 0}}) {
            int n = shape[0];
            int m = shape[1];
            int count = shape[2];
            int[] source = new int[count];
            int[] sink = new int[count];
            for (int e = 0; e < count; e++) {
                // few distinct values per side so that equal pairs (repeats) occur
                source[e] = random.nextInt(n);
                sink[e] = random.nextInt(m);
            }
            Integer[] expected = IntStream.range(0, count).boxed().toArray(Integer[]::new);
            // the oracle: Arrays.sort on objects is a stable merge sort
            Arrays.sort(expected, Comparator.<Integer>comparingInt(e -> source[e]).thenComparingInt(e -> sink[e]));
            int[] order = PairOrder.bySourceThenSink(source, sink, count, n, m);
            assertThat(order).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void keysSortAsArraysSortSortsThem() {
        SplittableRandom random = new SplittableRandom(8);
        for (int bits : new int[] {1, 11, 12, 22, 48, 63}) {
            for (int size : new int[] {0, 1, 2, 1000, 70_000}) {
                long[] keys = new long[size];
                for (int q = 0; q < size; q++) {
                    // half of them drawn from a small range: repeated keys
                    long bound = bits == 63 ? Long.MAX_VALUE : 1L << bits;
                    keys[q] = q % 2 == 0 ? random.nextLong(bound) : random.nextLong(Math.min(bound, 5));
                }
                long[] expected = keys.clone();
                Arrays.sort(expected);
                PairOrder.sortKeys(keys, bits);
                assertThat(keys).containsExactly(expected);
            }
        }
    }
}
