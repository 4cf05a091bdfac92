// OpenQASM 2.0 example: a fixed two-qubit circuit (no inputs: QASM 2 has none), a rotated Bell state.
// Useful for 'qmoe eval' and Strange interop; measure and creg are accepted and ignored.
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0],q[1];
ry(pi/3) q[1];
u3(pi/4, 0, pi/2) q[0];
barrier q;
measure q -> c;
