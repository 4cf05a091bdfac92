package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.ExpressionException;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the OpenQASM subset qmoe uses for expert circuits.
 *
 * <p>OpenQASM 3: {@code OPENQASM 3;}, {@code include "stdgates.inc";}, {@code qubit[n] q;} / {@code qubit q;} (several
 * registers are laid out one after another), {@code input float[64] name;} / {@code input angle name;}, gate calls
 * with angle expressions ({@code rx(2*theta + pi/4) q[0];}), a gate on whole registers is applied qubit by qubit,
 * {@code barrier}, and {@code bit}, {@code measure} (ignored: qmoe computes expectation values). OpenQASM 2.0:
 * {@code qreg}, {@code creg}, {@code measure q -> c;} and the {@code qelib1.inc} gates. Gates: those of
 * {@link GateKind} plus {@code cnot}, {@code phase}/{@code u1} (= p), {@code cu1}/{@code cphase} (= cp), and
 * {@code u}/{@code u3}(θ,φ,λ), {@code u2}(φ,λ), decomposed as rz(λ)·ry(θ)·rz(φ) up to a global phase.
 *
 * <p>Two pragmas say what QASM cannot: {@code #pragma qmoe data x0 x1} makes those inputs data features (all other
 * inputs are trainable angles), {@code #pragma qmoe observable 0.5*Z0 + Z1} sets the default observable (Z0 if
 * absent). Every error is a {@link QasmException} whose one-line message is {@code FILE:LINE:COLUMN: message}.
 */
public final class QasmReader {
    private static final Set<String> UNSUPPORTED = Set.of("gate", "reset", "if", "for", "while", "def", "const",
            "let", "output", "opaque", "delay", "box", "cal", "defcal", "switch", "return", "break", "continue",
            "int", "uint", "float", "angle", "bool", "complex", "duration", "stretch", "array", "extern", "ctrl",
            "inv", "pow", "negctrl", "gphase");

    private final String source;
    private final QasmLexer lexer;
    private final List<Token> tokens;
    private int p;
    private boolean qasm2;
    private final Map<String, int[]> qregs = new LinkedHashMap<>();
    private final Set<String> cregs = new LinkedHashSet<>();
    private final Map<String, Token> inputs = new LinkedHashMap<>();
    private final List<Token> dataPragmas = new ArrayList<>();
    private final List<String> dataNames = new ArrayList<>();
    private Token observablePragma;
    private String observableText;
    private int observableOffset;
    private final List<Object[]> gates = new ArrayList<>();
    private int qubitCount;

    private QasmReader(String text, String source) {
        this.source = source;
        this.lexer = new QasmLexer(text, source);
        this.tokens = lexer.tokens();
    }

    /** Reads a circuit file. */
    public static LoadedCircuit read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new QasmException(file.toString(), 1, 1, "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses circuit text; {@code source} names it in messages. */
    public static LoadedCircuit parse(String text, String source) {
        return new QasmReader(text, source).program();
    }

    private LoadedCircuit program() {
        if (peek().is("OPENQASM")) {
            Token t = next();
            Token v = next();
            if (v.kind() != Token.Kind.NUMBER) {
                throw error(v, "expected a version number after OPENQASM, e.g. 'OPENQASM 3.0;'");
            }
            if (v.text().startsWith("2")) {
                qasm2 = true;
            } else if (!v.text().startsWith("3")) {
                throw error(v, "unsupported OpenQASM version " + v.text() + ": expected 2.0 or 3");
            }
            semicolon(t);
        }
        while (peek().kind() != Token.Kind.EOF) {
            statement();
        }
        return build();
    }

    private void statement() {
        Token t = next();
        if (t.kind() == Token.Kind.PRAGMA) {
            pragma(t);
            return;
        }
        if (t.kind() != Token.Kind.IDENT) {
            throw error(t, "expected a statement but found '" + t.text() + "'");
        }
        String word = t.text();
        switch (word) {
            case "OPENQASM" -> throw error(t, "OPENQASM must be the first statement");
            case "include" -> {
                Token f = next();
                if (f.kind() != Token.Kind.STRING) {
                    throw error(f, "expected a file name in quotes after include");
                }
                if (!f.text().equals("stdgates.inc") && !f.text().equals("qelib1.inc")) {
                    throw error(f, "unsupported include \"" + f.text() + "\": only stdgates.inc and qelib1.inc");
                }
                semicolon(t);
            }
            case "qubit" -> register(t, true, false);
            case "qreg" -> register(t, true, true);
            case "bit" -> register(t, false, false);
            case "creg" -> register(t, false, true);
            case "input" -> input(t);
            case "barrier" -> skipToSemicolon(t);
            case "measure" -> skipToSemicolon(t);
            default -> {
                if (cregs.contains(word) && (peek().is("=") || peek().is("["))) {
                    skipToSemicolon(t); // c[0] = measure q[0];
                } else if (UNSUPPORTED.contains(word)) {
                    throw error(t, "unsupported statement '" + word + "': qmoe reads straight-line circuits of "
                            + "standard gates (no gate definitions, classical control or resets)");
                } else {
                    gateCall(t);
                }
            }
        }
    }

    private void register(Token t, boolean quantum, boolean oldStyle) {
        int size = 1;
        Token name;
        if (oldStyle) {
            name = ident("a register name");
            expect("[", "'[' and the register size");
            size = positiveInt();
            expect("]", "']'");
        } else {
            if (peek().is("[")) {
                next();
                size = positiveInt();
                expect("]", "']'");
            }
            name = ident("a register name");
        }
        declare(name);
        if (quantum) {
            qregs.put(name.text(), new int[] {qubitCount, size});
            qubitCount += size;
            if (qubitCount > 30) {
                throw error(name, "too many qubits (" + qubitCount + "): qmoe simulates at most 30");
            }
        } else {
            cregs.add(name.text());
        }
        semicolon(t);
    }

    private void input(Token t) {
        Token type = ident("a type (float or angle)");
        if (!type.text().equals("float") && !type.text().equals("angle")) {
            throw error(type, "input type must be float or angle, got '" + type.text() + "'");
        }
        if (peek().is("[")) {
            next();
            positiveInt();
            expect("]", "']'");
        }
        Token name = ident("an input name");
        declare(name);
        inputs.put(name.text(), name);
        semicolon(t);
    }

    private void declare(Token name) {
        String n = name.text();
        if (qregs.containsKey(n) || cregs.contains(n) || inputs.containsKey(n)) {
            throw error(name, "'" + n + "' is declared twice");
        }
        if (n.equals("pi") || n.equals("tau") || n.equals("euler")) {
            throw error(name, "'" + n + "' is a built-in constant and cannot be declared");
        }
    }

    private void pragma(Token t) {
        String text = t.text();
        String body = text.startsWith("#") ? text.substring(1).strip() : text;
        if (!body.startsWith("pragma")) {
            throw error(t, "expected '#pragma' but found '" + text + "'");
        }
        body = body.substring("pragma".length()).strip();
        if (!body.startsWith("qmoe")) {
            return; // other tools' pragmas are not ours to judge
        }
        String rest = body.substring(4).strip();
        int restOffset = t.offset() + text.indexOf(rest.isEmpty() ? "qmoe" : rest);
        if (rest.startsWith("data")) {
            String names = rest.substring(4).strip();
            if (names.isEmpty()) {
                throw error(t, "#pragma qmoe data needs the names of the data inputs, e.g. '#pragma qmoe data x0'");
            }
            int at = restOffset + rest.indexOf(names);
            for (String n : names.split("[\\s,]+")) {
                int[] pos = lexer.position(at + names.indexOf(n));
                dataPragmas.add(new Token(Token.Kind.IDENT, n, at + names.indexOf(n), pos[0], pos[1]));
            }
        } else if (rest.startsWith("observable")) {
            String obs = rest.substring("observable".length()).strip();
            if (obs.isEmpty()) {
                throw error(t, "#pragma qmoe observable needs an observable, e.g. '0.5*Z0 + Z1'");
            }
            if (observablePragma != null) {
                throw error(t, "a second '#pragma qmoe observable' (the first is on line " + observablePragma.line()
                        + ")");
            }
            observablePragma = t;
            observableText = obs;
            observableOffset = restOffset + rest.indexOf(obs);
        } else {
            throw error(t, "unknown qmoe pragma '" + rest.split("\\s+")[0]
                    + "': expected '#pragma qmoe data NAMES' or '#pragma qmoe observable TEXT'");
        }
    }

    private void gateCall(Token name) {
        GateSpec spec = GateSpec.lookup(name.text().toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw error(name, "unknown gate '" + name.text() + "'" + GateSpec.suggestion(name.text()));
        }
        List<AngleExpression> angles = new ArrayList<>();
        if (peek().is("(")) {
            angles = angleArguments(next());
        }
        if (angles.size() != spec.angles()) {
            throw error(name, "gate '" + name.text() + "' takes " + spec.angles() + " angle(s) but "
                    + angles.size() + " were given");
        }
        List<int[]> operands = new ArrayList<>();
        List<Token> operandTokens = new ArrayList<>();
        while (true) {
            Token reg = peek();
            operands.add(operand());
            operandTokens.add(reg);
            if (peek().is(",")) {
                next();
                continue;
            }
            break;
        }
        semicolon(name);
        if (operands.size() != spec.qubits()) {
            throw error(name, "gate '" + name.text() + "' acts on " + spec.qubits() + " qubit(s) but "
                    + operands.size() + " were given");
        }
        // broadcast over registers of equal size
        int width = 1;
        for (int[] o : operands) {
            if (o.length > 1) {
                if (width > 1 && o.length != width) {
                    throw error(name, "registers of different sizes (" + width + " and " + o.length + ") in one "
                            + "gate call");
                }
                width = o.length;
            }
        }
        for (int w = 0; w < width; w++) {
            int[] qs = new int[operands.size()];
            for (int i = 0; i < qs.length; i++) {
                int[] o = operands.get(i);
                qs[i] = o.length == 1 ? o[0] : o[w];
            }
            if (qs.length == 2 && qs[0] == qs[1]) {
                throw error(operandTokens.get(1), "gate '" + name.text() + "' needs two different qubits");
            }
            spec.emit(angles, qs, (kind, angle, qubits) -> gates.add(new Object[] {kind, angle, qubits, name}));
        }
    }

    private int[] operand() {
        Token reg = ident("a qubit such as q[0]");
        int[] r = qregs.get(reg.text());
        if (r == null) {
            if (cregs.contains(reg.text())) {
                throw error(reg, "'" + reg.text() + "' is a classical register, not qubits");
            }
            throw error(reg, "undeclared register '" + reg.text() + "'");
        }
        if (peek().is("[")) {
            next();
            Token idx = peek();
            int i = nonNegativeInt();
            expect("]", "']'");
            if (i >= r[1]) {
                throw error(idx, "qubit index " + i + " is out of range for register '" + reg.text() + "' of size "
                        + r[1]);
            }
            return new int[] {r[0] + i};
        }
        int[] all = new int[r[1]];
        for (int i = 0; i < all.length; i++) {
            all[i] = r[0] + i;
        }
        return all;
    }

    private List<AngleExpression> angleArguments(Token open) {
        // collect the raw text up to the matching ')', split at top-level commas
        int depth = 1;
        int start = open.offset() + 1;
        List<int[]> parts = new ArrayList<>();
        int partStart = start;
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF || t.is(";")) {
                throw error(open, "missing ')' for this '('");
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
                if (depth == 0) {
                    parts.add(new int[] {partStart, t.offset()});
                    break;
                }
            } else if (t.is(",") && depth == 1) {
                parts.add(new int[] {partStart, t.offset()});
                partStart = t.offset() + 1;
            }
        }
        String text = lexer.text();
        List<AngleExpression> out = new ArrayList<>();
        if (parts.size() == 1 && text.substring(parts.get(0)[0], parts.get(0)[1]).isBlank()) {
            return out;
        }
        for (int[] part : parts) {
            String expr = text.substring(part[0], part[1]);
            try {
                out.add(AngleExpression.parse(expr, inputs::containsKey));
            } catch (ExpressionException e) {
                int[] pos = lexer.position(part[0] + e.offset());
                String reason = e.reason();
                if (reason.startsWith("undeclared input")) {
                    reason += ": declare it with 'input float[64] " + reason.replaceAll(".*'(.*)'.*", "$1") + ";'";
                }
                throw new QasmException(source, pos[0], pos[1], reason);
            }
        }
        return out;
    }

    private LoadedCircuit build() {
        for (Token d : dataPragmas) {
            if (!inputs.containsKey(d.text())) {
                throw error(d, "'#pragma qmoe data' names '" + d.text() + "', which is not a declared input");
            }
            if (!dataNames.contains(d.text())) {
                dataNames.add(d.text());
            }
        }
        if (qubitCount == 0) {
            throw new QasmException(source, 1, 1, "no qubits declared: add e.g. 'qubit[2] q;'");
        }
        ParametricCircuit.Builder b = ParametricCircuit.builder(qubitCount);
        for (String n : inputs.keySet()) {
            if (!dataNames.contains(n)) {
                b.trainable(n);
            }
        }
        for (String n : inputs.keySet()) {
            if (dataNames.contains(n)) {
                b.data(n);
            }
        }
        for (Object[] g : gates) {
            b.gate((GateKind) g[0], (AngleExpression) g[1], (int[]) g[2]);
        }
        ParametricCircuit circuit = b.build();
        PauliObservable observable = PauliObservable.z(0);
        if (observableText != null) {
            try {
                observable = PauliObservable.parse(observableText);
            } catch (ExpressionException e) {
                int[] pos = lexer.position(observableOffset + e.offset());
                throw new QasmException(source, pos[0], pos[1], "bad observable: " + e.reason());
            }
            if (observable.maxQubit() >= qubitCount) {
                int[] pos = lexer.position(observableOffset);
                throw new QasmException(source, pos[0], pos[1], "observable acts on qubit " + observable.maxQubit()
                        + " but the circuit has " + qubitCount + " qubit(s)");
            }
        }
        String description = lexer.firstComment() == null ? "" : lexer.firstComment();
        return new LoadedCircuit(circuit, observable, source, description);
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.kind() != Token.Kind.EOF) {
            p++;
        }
        return t;
    }

    private Token ident(String what) {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT) {
            throw error(t, "expected " + what + " but found " + describe(t));
        }
        return t;
    }

    private void expect(String symbol, String what) {
        Token t = next();
        if (!t.is(symbol)) {
            throw error(t, "expected " + what + " but found " + describe(t));
        }
    }

    private int positiveInt() {
        Token t = peek();
        int v = nonNegativeInt();
        if (v < 1) {
            throw error(t, "size must be at least 1");
        }
        return v;
    }

    private int nonNegativeInt() {
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER || !t.text().matches("[0-9]+")) {
            throw error(t, "expected a whole number but found " + describe(t));
        }
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "number " + t.text() + " is too large");
        }
    }

    private void semicolon(Token statement) {
        Token t = peek();
        if (!t.is(";")) {
            Token prev = tokens.get(Math.max(0, p - 1));
            int col = prev.column() + prev.text().length();
            throw new QasmException(source, prev.line(), col, "missing ';' after the '" + statement.text()
                    + "' statement (found " + describe(t) + ")");
        }
        next();
    }

    private void skipToSemicolon(Token statement) {
        while (!peek().is(";")) {
            if (peek().kind() == Token.Kind.EOF) {
                throw error(statement, "missing ';' after the '" + statement.text() + "' statement");
            }
            next();
        }
        next();
    }

    private static String describe(Token t) {
        return t.kind() == Token.Kind.EOF ? "the end of the file" : "'" + t.text() + "'";
    }

    private QasmException error(Token t, String message) {
        return new QasmException(source, t.line(), t.column(), message);
    }

    boolean isQasm2() {
        return qasm2;
    }
}
