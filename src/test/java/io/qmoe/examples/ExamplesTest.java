package io.qmoe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API example in examples/ compiles against the library and trains to a small loss. */
class ExamplesTest {
    @TempDir
    Path out;

    @Test
    void trainMixtureExampleCompilesAndFitsTheData() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", out.toString(),
                "examples/TrainMixture.java");
        assertThat(rc).isZero();
        assertThat(Files.exists(out.resolve("TrainMixture.class"))).isTrue();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(captured, true));
            Method main = loader.loadClass("TrainMixture").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        String text = captured.toString();
        assertThat(text).contains("t =  0.00").contains("Strange program with 3 steps");
        double[] losses = text.lines().filter(l -> l.startsWith("t ="))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf("loss =") + 6).strip())).toArray();
        assertThat(losses).hasSize(5);
        // gradient flow on the wave data: the loss falls by more than an order of magnitude by t = 10
        assertThat(losses[4]).isLessThan(losses[0] / 20);
    }
}
