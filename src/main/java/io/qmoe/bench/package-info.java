/** The measurements behind docs/BENCHMARKS.md, run by {@code qmoe bench}. */
package io.qmoe.bench;
