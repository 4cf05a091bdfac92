/*
 * qmoe kernel benchmark: a plain C state-vector loop for the comparison printed by `qmoe bench --section kernels`.
 *
 * It runs the gate sequence of qmoe's hardware-efficient ansatz (Ansatz.hardwareEfficient(n, layers, 0)): per layer
 * ry(q) then rz(q) on every qubit q, then cx(q, q+1 mod n) for every q (one cx for two qubits), from |0...0>, on a
 * state held as separate real and imaginary arrays, one gate at a time, with the same block loops as the Java kernels
 * (contiguous inner runs of 2^q amplitudes). Compile with `cc -O3 -march=native statevector.c -o statevector -lm`.
 *
 * Usage: statevector LAYERS SECONDS QUBITS...  prints one line per register: "qubits gates ns_per_amplitude_per_gate"
 * (median over repeated runs of about SECONDS each, after a warm-up run).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* [[c, -s], [s, c]] on qubit q */
static void ry(double *restrict re, double *restrict im, long dim, int q, double c, double s) {
    long stride = 1L << q;
    for (long base = 0; base < dim; base += stride << 1) {
        for (long i = base; i < base + stride; i++) {
            long j = i + stride;
            double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
            re[i] = c * xr - s * yr;
            im[i] = c * xi - s * yi;
            re[j] = s * xr + c * yr;
            im[j] = s * xi + c * yi;
        }
    }
}

/* diag(e^{-i phi/2}, e^{i phi/2}) on qubit q, given c = cos(phi/2), s = sin(phi/2) */
static void rz(double *restrict re, double *restrict im, long dim, int q, double c, double s) {
    long stride = 1L << q;
    for (long base = 0; base < dim; base += stride << 1) {
        for (long i = base; i < base + stride; i++) {
            double xr = re[i], xi = im[i];
            re[i] = c * xr + s * xi;
            im[i] = c * xi - s * xr;
        }
        for (long i = base + stride; i < base + 2 * stride; i++) {
            double xr = re[i], xi = im[i];
            re[i] = c * xr - s * xi;
            im[i] = c * xi + s * xr;
        }
    }
}

/* CNOT: swap the target pairs where the control bit is set */
static void cx(double *restrict re, double *restrict im, long dim, int control, int target) {
    long cbit = 1L << control, tbit = 1L << target;
    int lo = control < target ? control : target;
    int hi = control < target ? target : control;
    long lstride = 1L << lo, hstride = 1L << hi;
    for (long outer = 0; outer < dim; outer += hstride << 1) {
        for (long mid = outer; mid < outer + hstride; mid += lstride << 1) {
            long start = mid | cbit;
            for (long i = start; i < start + lstride; i++) {
                long j = i | tbit;
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
    }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s LAYERS SECONDS QUBITS...\n", argv[0]);
        return 2;
    }
    int layers = atoi(argv[1]);
    double seconds = atof(argv[2]);
    for (int a = 3; a < argc; a++) {
        int n = atoi(argv[a]);
        long dim = 1L << n;
        double *re = aligned_alloc(64, dim * sizeof(double));
        double *im = aligned_alloc(64, dim * sizeof(double));
        int params = 2 * n * layers;
        double *c = malloc(params * sizeof(double)), *s = malloc(params * sizeof(double));
        unsigned long seed = 12345;
        for (int k = 0; k < params; k++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            double phi = (seed >> 11) * (1.0 / 9007199254740992.0) * 2 * M_PI;
            c[k] = cos(phi / 2);
            s[k] = sin(phi / 2);
        }
        int gates = layers * (2 * n + (n == 2 ? 1 : n > 2 ? n : 0));
        double times[64];
        int runs = 0;
        double checksum = 0;
        double budgetStart = now();
        for (int rep = 0; rep < 64 + 1 && (rep < 6 || now() - budgetStart < seconds); rep++) {
            double t0 = now();
            memset(re, 0, dim * sizeof(double));
            memset(im, 0, dim * sizeof(double));
            re[0] = 1;
            int k = 0;
            for (int layer = 0; layer < layers; layer++) {
                for (int q = 0; q < n; q++) {
                    ry(re, im, dim, q, c[k], s[k]);
                    k++;
                    rz(re, im, dim, q, c[k], s[k]);
                    k++;
                }
                if (n == 2) {
                    cx(re, im, dim, 0, 1);
                } else if (n > 2) {
                    for (int q = 0; q < n; q++) {
                        cx(re, im, dim, q, (q + 1) % n);
                    }
                }
            }
            double t = now() - t0;
            checksum += re[dim - 1] + im[1];
            if (rep > 0) {
                times[runs++] = t;
            }
        }
        qsort(times, runs, sizeof(double), cmp);
        printf("%d %d %.4f %g\n", n, gates, times[runs / 2] * 1e9 / ((double) dim * gates), checksum);
        fflush(stdout);
        free(re);
        free(im);
        free(c);
        free(s);
    }
    return 0;
}
