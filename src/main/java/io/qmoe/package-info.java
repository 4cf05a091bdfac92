/**
 * qmoe: mixtures of quantum experts on the Strange simulator, trained by gradient flow, and the analysis of their
 * mean-field limit. The root package holds only what every layer shares: the exception for a refused run setting.
 * Start with {@link io.qmoe.mixture.Expert}, {@link io.qmoe.device.Devices} and
 * {@link io.qmoe.meanfield.MeanFieldAnalysis}.
 */
package io.qmoe;
