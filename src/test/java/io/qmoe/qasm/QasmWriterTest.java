package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.RandomCircuits;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The writer's output reads back bit for bit, and has the shape of the OpenQASM 3 reference grammar
 * ({@code openqasm/openqasm source/grammar/qasm3Parser.g4, qasm3Lexer.g4}) for the statement forms qmoe emits,
 * with every gate name either in stdgates.inc or defined by a {@code gate} statement above its use.
 */
class QasmWriterTest {
    /** The gate names of OpenQASM 3's stdgates.inc (examples/stdgates.inc), plus the built-ins U and gphase. */
    private static final Set<String> STDGATES = Set.of("p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx",
            "ry", "rz", "cx", "cy", "cz", "cp", "crx", "cry", "crz", "ch", "swap", "ccx", "cswap", "cu", "CX", "phase",
            "cphase", "id", "u1", "u2", "u3", "U", "gphase");

    private static AngleExpression randomAngle(SplittableRandom rnd) {
        double[] specials = {13 * Math.PI / 20, Math.PI / 3, 7 * Math.PI / 64, 0.1, 1e-300, 123456.789, Math.E,
            3 * Math.PI / 7, Math.nextUp(Math.PI / 2)};
        AngleExpression c = AngleExpression.constant(rnd.nextBoolean() ? specials[rnd.nextInt(specials.length)]
                : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-8, 8)));
        return switch (rnd.nextInt(4)) {
            case 0 -> c;
            case 1 -> AngleExpression.input("a").times(rnd.nextDouble() * 10 - 5).plus(c);
            case 2 -> AngleExpression.input("a").times(AngleExpression.input("x")).times(13 * Math.PI / 20).plus(c);
            default -> AngleExpression.input("x").times(-1.0).plus(AngleExpression.input("a").times(Math.PI / 5));
        };
    }

    @Test
    void everyGateKindWithRandomAnglesReadsBackBitForBit() {
        SplittableRandom rnd = new SplittableRandom(20);
        for (int round = 0; round < 40; round++) {
            ParametricCircuit.Builder b = ParametricCircuit.builder(3).trainable("a").data("x");
            for (GateKind k : GateKind.values()) {
                int[] q = k.qubits() == 1 ? new int[] {rnd.nextInt(3)} : new int[] {round % 3, (round + 1) % 3};
                b.gate(k, k.parametric() ? randomAngle(rnd) : null, q);
            }
            ParametricCircuit c = b.build();
            PauliObservable o = RandomCircuits.observable(rnd, 3);
            String text = QasmWriter.write(c, o, "round " + round);
            LoadedCircuit back = QasmReader.parse(text, "w.qasm");
            assertThat(back.circuit()).isEqualTo(c);
            for (int g = 0; g < c.gates().size(); g++) {
                AngleExpression a = c.gates().get(g).angle();
                AngleExpression r = back.circuit().gates().get(g).angle();
                if (a != null) {
                    a.terms().forEach((factors, v) -> assertThat(Double.doubleToRawLongBits(r.terms().get(factors)))
                            .as(text).isEqualTo(Double.doubleToRawLongBits(v)));
                }
            }
            assertThat(back.circuit().gates()).containsExactlyElementsOf(c.gates());
            assertThat(back.observable()).isEqualTo(o);
            new GrammarShape(text).check();
        }
    }

    @Test
    void thirteenPiOverTwentyIsExact() {
        double v = 13 * Math.PI / 20;
        ParametricCircuit c = ParametricCircuit.builder(1).gate(GateKind.RX, AngleExpression.constant(v), 0).build();
        double back = QasmReader.parse(QasmWriter.write(c, null, null), "w.qasm").circuit().gates().get(0).angle()
                .constantValue();
        assertThat(Double.doubleToRawLongBits(back)).isEqualTo(Double.doubleToRawLongBits(v));
        assertThat(AngleExpression.constant(0.1).toString()).isEqualTo("0.1");
        assertThat(AngleExpression.constant(Math.PI / 2).toString()).isEqualTo("pi/2");
    }

    @Test
    void gatesOutsideStdgatesAreDefinedBeforeUse() {
        ParametricCircuit c = ParametricCircuit.builder(2).trainable("a").gate(GateKind.RZZ, "a", 0, 1)
                .gate(GateKind.SXDG, (AngleExpression) null, 1).gate(GateKind.RZZ, "2*a", 1, 0).build();
        String text = QasmWriter.write(c, null, null);
        assertThat(text.lines().filter(l -> l.startsWith("gate rzz"))).hasSize(1);
        assertThat(text).contains("gate sxdg a {").doesNotContain("rxx");
        new GrammarShape(text).check();
    }

    /**
     * A small recogniser of the qasm3Parser.g4 rules for what qmoe writes, one statement per line: version,
     * includeStatement, quantumDeclarationStatement, ioDeclarationStatement, pragma, gateStatement (with a body of
     * gateCallStatements), gateCallStatement (gateModifier* Identifier (LPAREN expressionList RPAREN)?
     * gateOperandList SEMICOLON), and line comments; expressions by the grammar's precedence levels
     * (parenthesis, unary minus, multiplicative, additive) over Identifier, DecimalIntegerLiteral and FloatLiteral.
     */
    static final class GrammarShape {
        private static final String ID = "[_\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}\\p{Nl}A-Za-z][_\\p{Lu}\\p{Ll}\\p{Lt}"
                + "\\p{Lm}\\p{Lo}\\p{Nl}A-Za-z0-9]*";
        private static final String DEC = "[0-9](_?[0-9])*";
        private static final String EXP = "[eE][+-]?" + DEC;
        private static final Pattern FLOAT = Pattern.compile(DEC + EXP + "|\\." + DEC + "(" + EXP + ")?|" + DEC
                + "\\.(" + DEC + ")?(" + EXP + ")?");
        private static final Pattern TOKEN = Pattern.compile("\\s*(" + FLOAT.pattern() + "|" + DEC + "|" + ID
                + "|[-+*/(),\\[\\];{}@]|\"[^\"]*\")");
        private final List<String> lines;
        private final Set<String> defined = new java.util.HashSet<>(STDGATES);
        private List<String> toks;
        private int i;

        GrammarShape(String text) {
            this.lines = text.lines().toList();
        }

        void check() {
            boolean seenVersion = false;
            for (String line : lines) {
                if (line.startsWith("//")) {
                    continue; // LineComment
                }
                if (line.matches("#?pragma \\S.*")) {
                    continue; // pragma: PRAGMA RemainingLineContent
                }
                toks = tokens(line);
                i = 0;
                String first = toks.get(0);
                if (first.equals("OPENQASM")) {
                    assertThat(seenVersion).as("one version, first").isFalse();
                    assertThat(toks).as(line).hasSize(3);
                    assertThat(toks.get(1)).matches("[0-9]+(\\.[0-9]+)?");
                    assertThat(toks.get(2)).isEqualTo(";");
                    i = toks.size();
                } else if (first.equals("include")) {
                    assertThat(toks).as(line).containsExactly("include", "\"stdgates.inc\"", ";");
                    i = toks.size();
                } else if (first.equals("qubit")) {
                    expect("qubit");
                    designator();
                    identifier();
                    expect(";");
                } else if (first.equals("input")) {
                    expect("input");
                    expect("float");
                    designator();
                    identifier();
                    expect(";");
                } else if (first.equals("gate")) {
                    gateStatement();
                } else {
                    gateCall();
                }
                seenVersion = true;
                assertThat(i).as("trailing tokens in: " + line).isEqualTo(toks.size());
            }
        }

        private void gateStatement() {
            expect("gate");
            String name = identifier();
            if (peek("(")) {
                expect("(");
                identifierList();
                expect(")");
            }
            identifierList();
            expect("{");
            while (!peek("}")) {
                gateCall();
            }
            expect("}");
            defined.add(name);
        }

        private void gateCall() {
            String name = identifier();
            assertThat(defined).as("gate '" + name + "' is neither in stdgates.inc nor defined above").contains(name);
            if (peek("(")) {
                expect("(");
                expression();
                while (peek(",")) {
                    expect(",");
                    expression();
                }
                expect(")");
            }
            if (!name.equals("gphase")) {
                operand();
                while (peek(",")) {
                    expect(",");
                    operand();
                }
            }
            expect(";");
        }

        private void operand() {
            identifier();
            if (peek("[")) {
                expect("[");
                expression();
                expect("]");
            }
        }

        private void designator() {
            expect("[");
            expression();
            expect("]");
        }

        private void identifierList() {
            identifier();
            while (peek(",")) {
                expect(",");
                identifier();
            }
        }

        private void expression() { // additive level
            multiplicative();
            while (peek("+") || peek("-")) {
                i++;
                multiplicative();
            }
        }

        private void multiplicative() {
            unary();
            while (peek("*") || peek("/")) {
                i++;
                unary();
            }
        }

        private void unary() {
            if (peek("-")) {
                i++;
                unary();
                return;
            }
            if (peek("(")) {
                expect("(");
                expression();
                expect(")");
                return;
            }
            String t = toks.get(i++);
            assertThat(t.matches(ID) || t.matches(DEC) || FLOAT.matcher(t).matches()).as("literal '" + t + "'")
                    .isTrue();
        }

        private String identifier() {
            String t = toks.get(i++);
            assertThat(t).matches(ID);
            return t;
        }

        private void expect(String s) {
            assertThat(i).as("expected '" + s + "'").isLessThan(toks.size());
            assertThat(toks.get(i++)).isEqualTo(s);
        }

        private boolean peek(String s) {
            return i < toks.size() && toks.get(i).equals(s);
        }

        private static List<String> tokens(String line) {
            java.util.regex.Matcher m = TOKEN.matcher(line);
            List<String> out = new java.util.ArrayList<>();
            int at = 0;
            while (at < line.strip().length() + (line.length() - line.stripLeading().length())) {
                assertThat(m.find(at) && m.start() == at).as("no OpenQASM 3 token at " + at + " in: " + line).isTrue();
                out.add(m.group(1));
                at = m.end();
            }
            return out;
        }
    }
}
