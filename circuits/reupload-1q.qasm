// One-qubit data re-uploading expert: 2 trainable angles, 1 data feature, <Z0>.
// f(t0, t1, x0) = cos(t0) cos(t1) cos(x0) - sin(t0) sin(t1): cheap, d = 2, so the mean-field
// analysis can check itself against a finite-volume solution on a grid. The README's main job.
OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
input float[64] t0;
input float[64] t1;
input float[64] x0;
#pragma qmoe data x0
#pragma qmoe observable Z0
ry(t0) q[0];
rx(x0) q[0];
ry(t1) q[0];
