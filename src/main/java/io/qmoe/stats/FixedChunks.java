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

    /** The thread count to use: {@code threads} if positive, else the number of available processors. */
    static int resolve(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Calls {@code body.accept(c)} once for every c in [0, chunks), on up to {@code threads} threads. */
    static void run(int chunks, int threads, IntConsumer body) {
        int t = Math.min(resolve(threads), chunks);
        if (t <= 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(t);
        try {
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(body)).join();
        } finally {
            pool.shutdown();
        }
    }
}
