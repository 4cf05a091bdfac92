/**
 * Remote QPUs: the IBM Quantum (Qiskit Runtime) Estimator V2 client — IBM Cloud IAM authentication, the device's
 * native gates and coupling map (decomposition, layout, SWAP routing), the official client's retry policy, tagged
 * duplicate-free job creation, batch sessions, a job journal for resumable runs, and secrets that never reach a
 * message or a file. Other providers plug in through the same {@link io.qmoe.backend.Estimator} interface.
 */
package io.qmoe.remote;
