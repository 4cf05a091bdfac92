package io.qmoe.transport;

/**
 * A binary min-heap of node indices 0 … size−1 keyed by doubles, with decrease-key; ties are broken by the lower index
 * so the pop order is a function of the keys alone. Allocation-free after construction.
 */
final class IndexedMinHeap {
    private final int[] heap;
    private final int[] position;
    private final double[] key;
    private int size;

    IndexedMinHeap(int capacity) {
        heap = new int[capacity];
        position = new int[capacity];
        key = new double[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest key; the heap must not be empty. */
    double minKey() {
        return key[heap[0]];
    }

    void clear() {
        size = 0;
    }

    void insert(int x, double k) {
        key[x] = k;
        heap[size] = x;
        position[x] = size;
        size++;
        siftUp(size - 1);
    }

    void decrease(int x, double k) {
        key[x] = k;
        siftUp(position[x]);
    }

    int popMin() {
        int top = heap[0];
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            position[heap[0]] = 0;
            siftDown(0);
        }
        return top;
    }

    private boolean less(int a, int b) {
        return key[a] < key[b] || (key[a] == key[b] && a < b);
    }

    private void siftUp(int p) {
        int x = heap[p];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            int y = heap[parent];
            if (!less(x, y)) {
                break;
            }
            heap[p] = y;
            position[y] = p;
            p = parent;
        }
        heap[p] = x;
        position[x] = p;
    }

    private void siftDown(int p) {
        int x = heap[p];
        int half = size >>> 1;
        while (p < half) {
            int c = 2 * p + 1;
            if (c + 1 < size && less(heap[c + 1], heap[c])) {
                c++;
            }
            int y = heap[c];
            if (!less(y, x)) {
                break;
            }
            heap[p] = y;
            position[y] = p;
            p = c;
        }
        heap[p] = x;
        position[x] = p;
    }
}
