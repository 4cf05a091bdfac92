// Two-qubit hardware-efficient expert with data re-uploading: 2 layers of
// [rx(x0) on both qubits, ry+rz on each qubit, cx], 8 trainable angles, 1 data feature.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
input float[64] t0;
input float[64] t1;
input float[64] t2;
input float[64] t3;
input float[64] t4;
input float[64] t5;
input float[64] t6;
input float[64] t7;
input float[64] x0;
#pragma qmoe data x0
#pragma qmoe observable 0.5*Z0 + 0.5*Z1
// layer 1
rx(x0) q[0];
rx(x0) q[1];
ry(t0) q[0];
rz(t1) q[0];
ry(t2) q[1];
rz(t3) q[1];
cx q[0], q[1];
// layer 2 (the data is uploaded again)
rx(x0) q[0];
rx(x0) q[1];
ry(t4) q[0];
rz(t5) q[0];
ry(t6) q[1];
rz(t7) q[1];
cx q[0], q[1];
