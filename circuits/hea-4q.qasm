// Four-qubit hardware-efficient expert with data re-uploading: 2 layers of [rx(x0), rx(x1) encodings,
// ry+rz on every qubit, a ring of cx], 16 trainable angles, 2 data features, observable Z0Z1.
OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
input float[64] t0;
input float[64] t1;
input float[64] t2;
input float[64] t3;
input float[64] t4;
input float[64] t5;
input float[64] t6;
input float[64] t7;
input float[64] t8;
input float[64] t9;
input float[64] t10;
input float[64] t11;
input float[64] t12;
input float[64] t13;
input float[64] t14;
input float[64] t15;
input float[64] x0;
input float[64] x1;
#pragma qmoe data x0 x1
#pragma qmoe observable Z0Z1
// layer 1
rx(x0) q[0];
rx(x1) q[1];
rx(x0) q[2];
rx(x1) q[3];
ry(t0) q[0];
rz(t1) q[0];
ry(t2) q[1];
rz(t3) q[1];
ry(t4) q[2];
rz(t5) q[2];
ry(t6) q[3];
rz(t7) q[3];
cx q[0], q[1];
cx q[1], q[2];
cx q[2], q[3];
cx q[3], q[0];
// layer 2
rx(x0) q[0];
rx(x1) q[1];
rx(x0) q[2];
rx(x1) q[3];
ry(t8) q[0];
rz(t9) q[0];
ry(t10) q[1];
rz(t11) q[1];
ry(t12) q[2];
rz(t13) q[2];
ry(t14) q[3];
rz(t15) q[3];
cx q[0], q[1];
cx q[1], q[2];
cx q[2], q[3];
cx q[3], q[0];
