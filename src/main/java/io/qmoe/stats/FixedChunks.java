package io.qmoe.stats;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a body over chunk indices 0 … chunks−1 on a given number of threads. The chunking is the caller's and does not
 * depend on the thread count; each chunk writes only its own output slot, and the caller combines the slots in index
 * order, so the result has the same bits on any number of threads.
 */
final class FixedChunks {
    private FixedChunks() {
    }

    /**
     * Calls {@code body.accept(c)} once for every c in [0, chunks): on the calling thread when {@code threads} is 1,
     * on the common fork-join pool when it is 0 or negative, and on a pool of {@code threads} threads otherwise.
     */
    static void run(int chunks, int threads, IntConsumer body) {
        if (threads == 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
        } else if (threads <= 0) {
            IntStream.range(0, chunks).parallel().forEach(body);
        } else {
            ForkJoinPool pool = new ForkJoinPool(Math.min(threads, chunks));
            try {
                pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(body)).join();
            } finally {
                pool.shutdown();
            }
        }
    }
}
