/**
 * The mean-field analysis: empirical measures on the flat torus T^d, exact Wasserstein distances, the reference
 * solution of the mean-field limit (a large particle population, or a finite-volume grid solution of the continuity
 * equation for d ≤ 2), the synchronous coupling of each mixture to its nonlinear process, and the fitted convergence
 * rates in N. Everything here is pure numerics: no files, clocks or printing.
 */
package io.qmoe.meanfield;
