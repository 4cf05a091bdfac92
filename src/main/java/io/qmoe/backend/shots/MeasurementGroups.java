package io.qmoe.backend.shots;

import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an observable's Pauli terms into qubit-wise commuting groups (greedy, in term order): every term of a group
 * is measured in one basis, X, Y or Z per qubit, so one set of shots estimates them all. The identity term is kept
 * apart as a constant.
 */
final class MeasurementGroups {
    /** One group: the measurement basis per qubit ('X', 'Y', 'Z' or 0 for unmeasured) and its terms. */
    record Group(char[] basis, List<PauliObservable.Term> terms) {
        /** Bit mask of the measured qubits. */
        long support() {
            long m = 0;
            for (int q = 0; q < basis.length; q++) {
                if (basis[q] != 0) {
                    m |= 1L << q;
                }
            }
            return m;
        }
    }

    private MeasurementGroups() {
    }

    static double constant(PauliObservable o) {
        double c = 0;
        for (PauliObservable.Term t : o.terms()) {
            if (t.pauli().isIdentity()) {
                c += t.coefficient();
            }
        }
        return c;
    }

    static List<Group> of(PauliObservable o, int qubits) {
        List<Group> groups = new ArrayList<>();
        for (PauliObservable.Term t : o.terms()) {
            PauliString p = t.pauli();
            if (p.isIdentity()) {
                continue;
            }
            Group home = null;
            for (Group g : groups) {
                if (compatible(g.basis(), p, qubits)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new Group(new char[qubits], new ArrayList<>());
                groups.add(home);
            }
            for (int q = 0; q < qubits; q++) {
                char c = p.at(q);
                if (c != 'I') {
                    home.basis()[q] = c;
                }
            }
            home.terms().add(t);
        }
        return groups;
    }

    private static boolean compatible(char[] basis, PauliString p, int qubits) {
        for (int q = 0; q < qubits; q++) {
            char c = p.at(q);
            if (c != 'I' && basis[q] != 0 && basis[q] != c) {
                return false;
            }
        }
        return true;
    }
}
