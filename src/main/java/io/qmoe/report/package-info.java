/**
 * Output at the edge: atomic file writes, JSON run files, angle CSV tables, PNG plots and HTML reports. Nothing here
 * computes physics; it formats what the numerical packages return. Part of the command-line layer, not of the library API:
 * the plots need XChart, an optional dependency that the shaded CLI jar bundles.
 */
package io.qmoe.report;
