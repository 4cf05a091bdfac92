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
import java.util.Map;
import java.util.Set;

/**
 * Reads the OpenQASM subset qmoe uses for expert circuits.
 *
 * <p>OpenQASM 3: {@code OPENQASM 3;}, {@code include "stdgates.inc";}, {@code qubit[n] q;} / {@code qubit q;} (several
 * registers are laid out one after another), {@code input float[64] name;} / {@code input angle name;}, gate calls
 * with angle expressions ({@code rx(2*theta + pi/4) q[0];}), a gate on whole registers is applied qubit by qubit,
 * {@code barrier} (ignored), {@code bit} and final {@code measure} (ignored: qmoe computes expectation values; a gate
 * on a qubit after its measurement is refused). Identifiers may hold Unicode letters ({@code θ}, Qiskit's
 * {@code _θ_0_}); input names that are not ASCII become ASCII circuit names (θ → {@code theta}, see
 * {@link Identifiers}). Non-recursive {@code gate} definitions are inlined at each use; the modifiers {@code inv @},
 * {@code ctrl(n) @}, {@code negctrl(n) @} and whole {@code pow(k) @} are rewritten exactly into qmoe's gates
 * ({@link GateAlgebra}); the stdgates.inc and qelib1.inc gates qmoe has no kind for are exact expansions
 * ({@link GateSpec}). OpenQASM 2.0: {@code qreg}, {@code creg}, {@code measure q -> c;}. Nothing recurses on the
 * input: a definition is expanded once and each use substitutes into it; parentheses nest at most 200 deep (in the
 * angle parser), modifiers at most {@value #MAX_MODIFIERS} per call, and a file expands to at most
 * {@value #MAX_GATES} gates.
 *
 * <p>Two pragmas say what QASM cannot: {@code #pragma qmoe data x0 x1} makes those inputs data features (all other
 * inputs are trainable angles), {@code #pragma qmoe observable 0.5*Z0 + Z1} sets the default observable (Z0 if
 * absent). Every error is a {@link QasmException} whose one-line message is {@code FILE:LINE:COLUMN: message}.
 */
public final class QasmReader {
    /** Most modifiers on one gate call. */
    static final int MAX_MODIFIERS = 200;
    /** Most gates a file may expand into (gate definitions can grow exponentially). */
    static final int MAX_GATES = 200_000;
    private static final Set<String> MODIFIERS = Set.of("inv", "ctrl", "negctrl", "pow");
    private static final Map<String, String> UNSUPPORTED = unsupported();

    private final String source;
    private final QasmLexer lexer;
    private final List<Token> tokens;
    private int p;
    private boolean qasm2;
    private final Map<String, int[]> qregs = new LinkedHashMap<>();
    private final Set<String> cregs = new LinkedHashSet<>();
    private final Map<String, Token> inputs = new LinkedHashMap<>();
    private final Map<String, GateDefinition> definitions = new LinkedHashMap<>();
    private final List<Token> dataPragmas = new ArrayList<>();
    private final List<String> dataNames = new ArrayList<>();
    private Token observablePragma;
    private String observableText;
    private int observableOffset;
    private final List<Op> gates = new ArrayList<>();
    private final Map<Integer, Token> measured = new LinkedHashMap<>();
    private long expanded;
    /** The first token of the top-level statement being read: where the size limit is reported. */
    private Token current;
    private int qubitCount;

    /**
     * A user {@code gate} definition: its name token, parameter and qubit names, where its body ends, the body
     * expanded once with parameter i as the input {@code #i} and qubit argument i as qubit i (each use substitutes
     * into this list, so uses never re-read the body and nested definitions never recurse), and the qmoe kind it is
     * exactly, if any.
     */
    private record GateDefinition(Token name, List<String> params, List<String> qubits, int bodyEnd, List<Op> body,
            GateKind primitive) {
    }

    /** Names visible inside a gate body while it is read. */
    private record Scope(GateDefinition gate, Map<String, AngleExpression> angles, Map<String, Integer> qubits) {
    }

    /** One {@code inv}, {@code pow(k)}, {@code ctrl(n)} or {@code negctrl(n)} modifier. */
    private record Modifier(Token token, int count) {
    }

    private QasmReader(String text, String source) {
        this.source = source;
        this.lexer = new QasmLexer(text, source);
        this.tokens = lexer.tokens();
    }

    private static Map<String, String> unsupported() {
        Map<String, String> m = new LinkedHashMap<>();
        String control = "classical control flow is not supported: qmoe reads straight-line circuits";
        String loops = "loops are not supported: write the gates out";
        String subroutines = "subroutines are not supported: use a 'gate' definition";
        String timing = "timing instructions are not supported";
        String pulses = "pulse-level calibrations are not supported";
        String classical = "classical variables are not supported: declare angles as 'input float[64] NAME;'";
        for (String w : List.of("if", "else", "switch", "case", "default")) {
            m.put(w, control);
        }
        for (String w : List.of("for", "while", "break", "continue")) {
            m.put(w, loops);
        }
        for (String w : List.of("def", "return", "extern")) {
            m.put(w, subroutines);
        }
        for (String w : List.of("delay", "box", "duration", "stretch", "durationof")) {
            m.put(w, timing);
        }
        for (String w : List.of("cal", "defcal", "defcalgrammar", "opaque", "port", "frame", "waveform")) {
            m.put(w, pulses);
        }
        for (String w : List.of("const", "let", "output", "int", "uint", "float", "angle", "bool", "complex",
                "readonly", "mutable")) {
            m.put(w, classical);
        }
        m.put("array", "arrays are not supported");
        m.put("reset", "reset is not supported: qmoe simulates unitary circuits started in |0…0⟩");
        return Map.copyOf(m);
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
                throw error(v, "unsupported OpenQASM version " + shown(v) + ": expected 2.0 or 3");
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
        current = t;
        expanded = gates.size();
        if (t.kind() == Token.Kind.PRAGMA) {
            pragma(t);
            return;
        }
        if (t.is("$")) {
            throw physicalQubit(t);
        }
        if (t.kind() != Token.Kind.IDENT) {
            throw error(t, "expected a statement but found " + describe(t));
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
                    throw error(f, "unsupported include \"" + Identifiers.shown(f.text())
                            + "\": only stdgates.inc and qelib1.inc");
                }
                semicolon(t);
            }
            case "qubit" -> register(t, true, false);
            case "qreg" -> register(t, true, true);
            case "bit" -> register(t, false, false);
            case "creg" -> register(t, false, true);
            case "input" -> input(t);
            case "gate" -> gateDefinition(t);
            case "barrier" -> skipToSemicolon(t);
            case "measure" -> measure(t);
            default -> {
                if (cregs.contains(word) && (peek().is("=") || peek().is("["))) {
                    measureAssignment(t);
                } else if (UNSUPPORTED.containsKey(word)) {
                    throw error(t, "unsupported statement '" + word + "': " + UNSUPPORTED.get(word));
                } else {
                    List<Op> ops = new ArrayList<>();
                    call(t, null, ops);
                    for (Op o : ops) {
                        if (!o.isPhase()) {
                            gates.add(o); // a global phase changes no expectation value
                        }
                    }
                }
            }
        }
    }

    /** {@code measure q[0];}, {@code measure q -> c;}: marks the qubits; later gates on them are refused. */
    private void measure(Token t) {
        for (int q : operand(null)) {
            measured.putIfAbsent(q, t);
        }
        if (peek().is("->")) {
            next();
            classicalTarget();
        }
        semicolon(t);
    }

    /** {@code c[0] = measure q[0];} or {@code c = measure q;}. */
    private void measureAssignment(Token c) {
        if (peek().is("[")) {
            next();
            nonNegativeInt();
            expect("]", "']'");
        }
        expect("=", "'='");
        Token m = next();
        if (!m.is("measure")) {
            throw error(m, "only 'measure' may be assigned to the bit register '" + shown(c) + "'");
        }
        measure(c);
    }

    private void classicalTarget() {
        Token c = ident("a bit register");
        if (!cregs.contains(c.text())) {
            throw error(c, "undeclared bit register '" + shown(c) + "'");
        }
        if (peek().is("[")) {
            next();
            nonNegativeInt();
            expect("]", "']'");
        }
    }

    /** {@code gate NAME(params) a, b { body }}: checked now by expanding it once, inlined at every use. */
    private void gateDefinition(Token t) {
        Token name = ident("a gate name");
        if (definitions.containsKey(name.text())) {
            throw error(name, "gate '" + shown(name) + "' is defined twice (first on line "
                    + definitions.get(name.text()).name().line() + ")");
        }
        List<String> params = new ArrayList<>();
        if (peek().is("(")) {
            next();
            if (!peek().is(")")) {
                params = identList("a parameter name");
            }
            expect(")", "')' after the gate parameters");
        }
        List<String> args = identList("a qubit argument name");
        Token open = next();
        if (!open.is("{")) {
            throw error(open, "expected '{' and the gate body but found " + describe(open));
        }
        int start = p;
        int depth = 1;
        while (true) {
            Token b = next();
            if (b.kind() == Token.Kind.EOF) {
                throw error(open, "missing '}' for the body of gate '" + shown(name) + "'");
            }
            if (b.is("{")) {
                depth++;
            } else if (b.is("}") && --depth == 0) {
                break;
            }
        }
        int end = p - 1;
        GateDefinition def = new GateDefinition(name, params, args, end, null, null);
        List<AngleExpression> placeholders = new ArrayList<>();
        Map<String, AngleExpression> a = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            placeholders.add(AngleExpression.input("#" + i));
            a.put(params.get(i), placeholders.get(i));
        }
        int[] qs = new int[args.size()];
        Map<String, Integer> q = new LinkedHashMap<>();
        for (int i = 0; i < qs.length; i++) {
            qs[i] = i;
            q.put(args.get(i), i);
        }
        List<Op> body = body(new Scope(def, a, q), start, end);
        definitions.put(name.text(), new GateDefinition(name, params, args, end, List.copyOf(body),
                primitiveOf(name.text(), placeholders, qs, body)));
    }

    /** Reads the statements of a gate body, tokens {@code start} to {@code end}, into operations. */
    private List<Op> body(Scope scope, int start, int end) {
        List<Op> out = new ArrayList<>();
        int saved = p;
        p = start;
        while (p < end) {
            Token t = next();
            if (t.is("barrier")) {
                skipToSemicolon(t);
            } else if (t.kind() == Token.Kind.IDENT && !UNSUPPORTED.containsKey(t.text()) && !t.is("measure")
                    && !t.is("gate") && !t.is("qubit") && !t.is("input")) {
                call(t, scope, out);
            } else {
                throw error(t, "a gate body holds only gate calls, but found " + describe(t));
            }
        }
        p = saved;
        return out;
    }

    /** The qmoe gate a definition is exactly the canonical expansion of (as the writer emits it), or null. */
    private static GateKind primitiveOf(String name, List<AngleExpression> params, int[] qs, List<Op> body) {
        GateKind kind = GateKind.fromQasmName(name).orElse(null);
        if (kind == null || params.size() != (kind.parametric() ? 1 : 0) || qs.length != kind.qubits()) {
            return null;
        }
        AngleExpression a = kind.parametric() ? params.get(0) : null;
        List<Op> canonical = GateSpec.decomposition(kind, a, qs);
        if (canonical == null) {
            canonical = List.of(Op.of(kind, a, qs));
        }
        if (canonical.size() != body.size()) {
            return null;
        }
        for (int i = 0; i < body.size(); i++) {
            if (!canonical.get(i).sameAs(body.get(i))) {
                return null;
            }
        }
        return kind;
    }

    private List<String> identList(String what) {
        List<String> out = new ArrayList<>();
        while (true) {
            Token n = ident(what);
            if (out.contains(n.text())) {
                throw error(n, "'" + shown(n) + "' is named twice");
            }
            out.add(n.text());
            if (!peek().is(",")) {
                return out;
            }
            next();
        }
    }

    /**
     * A gate call with its modifiers, at the top level ({@code scope} null: registers, broadcasting, inputs) or in a
     * gate body; its exact expansion is appended to {@code out}.
     */
    private void call(Token first, Scope scope, List<Op> out) {
        List<Modifier> modifiers = new ArrayList<>();
        Token name = first;
        int controls = 0;
        while (MODIFIERS.contains(name.text()) && name.kind() == Token.Kind.IDENT) {
            Modifier m = modifier(name, scope);
            modifiers.add(m);
            if (modifiers.size() > MAX_MODIFIERS) {
                throw error(name, "more than " + MAX_MODIFIERS + " gate modifiers");
            }
            if (!name.is("inv") && !name.is("pow")) {
                controls += m.count();
            }
            expect("@", "'@' after the modifier '" + name.text() + "'");
            name = ident("a gate name");
        }
        GateDefinition def = definitions.get(name.text());
        GateSpec spec = def == null ? GateSpec.lookup(name.text()) : null;
        if (def == null && spec == null) {
            if (scope != null && scope.gate().name().text().equals(name.text())) {
                throw error(name, "gate '" + shown(name) + "' is used inside its own definition (recursion is not "
                        + "allowed)");
            }
            throw error(name, "unknown gate '" + shown(name) + "'" + GateSpec.suggestion(name.text()));
        }
        int angleCount = def != null ? def.params().size() : spec.angles();
        int qubitArity = def != null ? def.qubits().size() : spec.qubits();
        List<AngleExpression> angles = new ArrayList<>();
        if (peek().is("(")) {
            angles = angleArguments(next(), scope);
        }
        if (angles.size() != angleCount) {
            throw error(name, "gate '" + shown(name) + "' takes " + angleCount + " angle(s) but "
                    + angles.size() + " were given");
        }
        List<int[]> operands = new ArrayList<>();
        List<Token> operandTokens = new ArrayList<>();
        while (!peek().is(";")) {
            operandTokens.add(peek());
            operands.add(operand(scope));
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        semicolon(name);
        if (operands.size() != controls + qubitArity) {
            throw error(name, "gate '" + shown(name) + "' acts on " + (controls + qubitArity) + " qubit(s)"
                    + (controls > 0 ? " (" + controls + " control(s) and " + qubitArity + ")" : "") + " but "
                    + operands.size() + " were given");
        }
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
                for (int j = 0; j < i; j++) {
                    if (qs[j] == qs[i]) {
                        throw error(operandTokens.get(i), "gate '" + shown(name) + "' needs different qubits");
                    }
                }
                if (scope == null && measured.containsKey(qs[i])) {
                    throw error(operandTokens.get(i), "gate '" + shown(name) + "' acts on a qubit measured on line "
                            + measured.get(qs[i]).line() + ": qmoe accepts only final measurements");
                }
            }
            int[] base = java.util.Arrays.copyOfRange(qs, controls, qs.length);
            List<Op> ops = def != null ? expandDefinition(def, angles, base) : spec.emit(angles, base);
            count(ops.size());
            int c = controls;
            for (int i = modifiers.size() - 1; i >= 0; i--) {
                int before = ops.size();
                ops = apply(modifiers.get(i), ops, qs, c);
                if (!modifiers.get(i).token().is("inv") && !modifiers.get(i).token().is("pow")) {
                    c -= modifiers.get(i).count();
                }
                if (!modifiers.get(i).token().is("pow")) {
                    count(ops.size() - before);
                }
            }
            for (Op o : ops) {
                if (o.angle() != null && o.angle().terms().values().stream().anyMatch(v -> !Double.isFinite(v))) {
                    throw error(name, "an angle of gate '" + shown(name) + "' overflows the double range");
                }
            }
            out.addAll(ops);
        }
    }

    private List<Op> apply(Modifier m, List<Op> ops, int[] qs, int controlsEnd) {
        switch (m.token().text()) {
            case "inv" -> {
                return GateAlgebra.inverse(ops);
            }
            case "pow" -> {
                count((long) ops.size() * (Math.abs(m.count()) - 1)); // before the copies are made
                return GateAlgebra.power(ops, m.count());
            }
            default -> {
                List<Op> r = ops;
                for (int k = controlsEnd - 1; k >= controlsEnd - m.count(); k--) {
                    r = GateAlgebra.controlled(r, qs[k], m.token().is("negctrl"));
                }
                return r;
            }
        }
    }

    private Modifier modifier(Token m, Scope scope) {
        if (!peek().is("(")) {
            if (m.is("pow")) {
                throw error(m, "'pow' needs an exponent, e.g. 'pow(2) @ s q[0];'");
            }
            return new Modifier(m, 1);
        }
        Token open = next();
        List<AngleExpression> a = angleArguments(open, scope);
        double v = a.size() == 1 && a.get(0).isConstant() ? a.get(0).constantTerm() : Double.NaN;
        boolean integer = v == Math.rint(v) && Math.abs(v) <= 64;
        if (m.is("pow") && !integer) {
            throw error(open, "only whole powers 'pow(k) @' with |k| ≤ 64 are supported");
        }
        if (!m.is("pow") && (!integer || v < 1 || v > 30)) {
            throw error(open, "'" + m.text() + "(n)' needs a whole number of controls between 1 and 30");
        }
        return new Modifier(m, (int) v);
    }

    /** Counts gates emitted for the current statement (plus those before it) against {@link #MAX_GATES}. */
    private void count(long more) {
        expanded += more;
        if (expanded > MAX_GATES) {
            throw error(current, "the circuit expands to more than " + MAX_GATES + " gates");
        }
    }

    /** The body of a user gate with its parameters and qubit arguments bound. */
    private static List<Op> expandDefinition(GateDefinition def, List<AngleExpression> angles, int[] qs) {
        if (def.primitive() != null) {
            GateKind k = def.primitive();
            return List.of(Op.of(k, k.parametric() ? angles.get(0) : null, qs));
        }
        List<Op> out = new ArrayList<>(def.body().size());
        for (Op o : def.body()) {
            AngleExpression a = o.angle() == null ? null
                    : Identifiers.substitute(o.angle(), n -> angles.get(Integer.parseInt(n.substring(1))));
            int[] q = new int[o.qubits().length];
            for (int i = 0; i < q.length; i++) {
                q[i] = qs[o.qubits()[i]];
            }
            out.add(new Op(o.kind(), a, q));
        }
        return out;
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
            if (peek().is("=")) { // bit[2] c = measure q;
                next();
                Token m = next();
                if (!m.is("measure")) {
                    throw error(m, "a bit register can only be initialised by 'measure'");
                }
                measure(t);
                return;
            }
        }
        semicolon(t);
    }

    private void input(Token t) {
        Token type = ident("a type (float or angle)");
        if (!type.text().equals("float") && !type.text().equals("angle")) {
            throw error(type, "input type must be float or angle, got '" + shown(type) + "'");
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

    private int[] operand(Scope scope) {
        if (peek().is("$")) {
            throw physicalQubit(peek());
        }
        Token reg = ident("a qubit such as q[0]");
        if (scope != null) {
            Integer q = scope.qubits().get(reg.text());
            if (q == null) {
                throw error(reg, "'" + shown(reg) + "' is not a qubit argument of gate '"
                        + shown(scope.gate().name()) + "'");
            }
            if (peek().is("[")) {
                throw error(peek(), "a gate argument is one qubit and cannot be indexed");
            }
            return new int[] {q};
        }
        int[] r = qregs.get(reg.text());
        if (r == null) {
            if (cregs.contains(reg.text())) {
                throw error(reg, "'" + shown(reg) + "' is a classical register, not qubits");
            }
            throw error(reg, "undeclared register '" + shown(reg) + "'");
        }
        if (peek().is("[")) {
            next();
            Token idx = peek();
            int i = nonNegativeInt();
            if (peek().is(":") || peek().is(",")) {
                throw error(peek(), "register slices and index lists are not supported: write one qubit per "
                        + "operand");
            }
            expect("]", "']'");
            if (i >= r[1]) {
                throw error(idx, "qubit index " + i + " is out of range for register '" + shown(reg)
                        + "' of size " + r[1]);
            }
            return new int[] {r[0] + i};
        }
        int[] all = new int[r[1]];
        for (int i = 0; i < all.length; i++) {
            all[i] = r[0] + i;
        }
        return all;
    }

    private QasmException physicalQubit(Token t) {
        return error(t, "physical qubits such as $0 are not supported: declare 'qubit[n] q;' and use q[0]");
    }

    private List<AngleExpression> angleArguments(Token open, Scope scope) {
        // collect the raw text up to the matching ')', split at top-level commas
        int depth = 1;
        int start = open.offset() + 1;
        List<int[]> parts = new ArrayList<>();
        int partStart = start;
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.EOF || t.is(";") || (scope != null && p > scope.gate().bodyEnd())) {
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
                if (scope == null) {
                    out.add(AngleExpression.parse(expr, inputs::containsKey));
                } else {
                    AngleExpression e = AngleExpression.parse(expr, scope.angles()::containsKey);
                    out.add(Identifiers.substitute(e, scope.angles()::get));
                }
            } catch (ExpressionException e) {
                int[] pos = lexer.position(part[0] + e.offset());
                String reason = e.reason();
                if (reason.startsWith("undeclared input") && scope == null) {
                    reason += ": declare it with 'input float[64] " + reason.replaceAll(".*'(.*)'.*", "$1") + ";'";
                } else if (reason.startsWith("undeclared input")) {
                    reason = reason.replace("undeclared input", "unknown parameter") + " of gate '"
                            + shown(scope.gate().name()) + "'";
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
        Map<String, String> ascii = asciiNames();
        ParametricCircuit.Builder b = ParametricCircuit.builder(qubitCount);
        for (String n : inputs.keySet()) {
            if (!dataNames.contains(n)) {
                b.trainable(ascii.get(n));
            }
        }
        for (String n : inputs.keySet()) {
            if (dataNames.contains(n)) {
                b.data(ascii.get(n));
            }
        }
        for (Op g : gates) {
            AngleExpression a = g.angle() == null ? null
                    : Identifiers.substitute(g.angle(), n -> AngleExpression.input(ascii.get(n)));
            b.gate(g.kind(), a, g.qubits());
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

    /** Input names as circuit names: ASCII names kept, others spelt in ASCII ({@link Identifiers#ascii}), unique. */
    private Map<String, String> asciiNames() {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        for (String n : inputs.keySet()) {
            if (Identifiers.isAscii(n)) {
                out.put(n, n);
                taken.add(n);
            }
        }
        for (String n : inputs.keySet()) {
            if (!out.containsKey(n)) {
                String a = Identifiers.ascii(n);
                String unique = a;
                for (int k = 2; taken.contains(unique) || !Identifiers.isAscii(unique)
                        || Set.of("pi", "tau", "euler").contains(unique); k++) {
                    unique = (Identifiers.isAscii(a) ? a : "_" + a) + "_" + k;
                }
                out.put(n, unique);
                taken.add(unique);
            }
        }
        return out;
    }

    private static String shown(Token t) {
        return Identifiers.shown(t.text());
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
        return t.kind() == Token.Kind.EOF ? "the end of the file" : "'" + shown(t) + "'";
    }

    private QasmException error(Token t, String message) {
        return new QasmException(source, t.line(), t.column(), message);
    }

    boolean isQasm2() {
        return qasm2;
    }
}
