/**
 * Pure statistics and kernel numerics for the mean-field analysis: theory curves for convergence rates in N and their
 * fitted constants, bootstrap intervals over seeds, sample moments and normality tests, the von Mises kernel distance
 * (MMD) on the flat torus, the tangent kernel of a population of experts, and the growth of constants in time.
 * Everything here is deterministic (seeded where random), does no I/O and gives the same bits on any thread count.
 */
package io.qmoe.stats;
