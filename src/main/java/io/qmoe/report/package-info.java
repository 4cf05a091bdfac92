/**
 * Output at the edge: atomic file writes, JSON run files, angle CSV tables, PNG plots and HTML reports. Nothing here
 * computes physics; it formats what the numerical packages return.
 */
package io.qmoe.report;
