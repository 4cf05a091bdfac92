/**
 * Interop with Strange 0.1.3: circuits to Strange {@code Program}s (working around its RotationZ defect), Strange
 * programs of fixed gates back to circuits, and the Strange-backed estimator.
 */
package io.qmoe.strange;
