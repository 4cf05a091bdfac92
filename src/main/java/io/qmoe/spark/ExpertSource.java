package io.qmoe.spark;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import java.io.Serializable;

/**
 * How a Spark executor builds the expert and the data of an analysis: an {@link Expert} holds a backend (threads,
 * compiled programs, perhaps a remote session), which does not travel, so what travels is this recipe. It must build
 * the same circuit, observable, backend and gradient method, and the same data to the last bit, as the driver used for
 * the reference; the backend must be a local simulator whose numbers do not depend on its thread count.
 */
public interface ExpertSource extends Serializable {
    /** A new expert (the caller closes its estimator when done). */
    Expert expert();

    /** The data set. */
    Dataset data();
}
