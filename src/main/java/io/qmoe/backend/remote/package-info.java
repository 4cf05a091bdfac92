/**
 * Remote QPUs: the IBM Quantum (Qiskit Runtime) Estimator V2 client with native-gate decomposition, retries, job
 * journal and token handling. Other providers plug in through the same {@link io.qmoe.backend.Estimator} interface.
 */
package io.qmoe.backend.remote;
