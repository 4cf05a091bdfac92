package io.qmoe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's Maven project that depends on {@code io.qmoe:qmoe}: the artifact (this build's classes and pom.xml) is
 * published to a scratch file repository, the project's {@code mvn dependency:tree} must show no CLI, plotting or test
 * library, and the README's Java example, compiled by that project, must run and fit its data.
 */
class ScratchProjectTest {
    private static final String VERSION = "0.0.0-scratch-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    /** The scratch version that Maven copied into the user's local repository is removed again. */
    @org.junit.jupiter.api.AfterEach
    void forgetTheScratchVersion() throws IOException {
        Path cached = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "qmoe", "qmoe", VERSION);
        if (Files.isDirectory(cached)) {
            try (Stream<Path> walk = Files.walk(cached)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aUserProjectSeesOnlyTheLibraryDependenciesAndTheReadmeExampleRuns() throws Exception {
        Path repo = dir.resolve("repo");
        Path artifact = repo.resolve("io/qmoe/qmoe/" + VERSION);
        Files.createDirectories(artifact);
        jar(Path.of("target/classes"), artifact.resolve("qmoe-" + VERSION + ".jar"));
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher own = Pattern.compile("(<artifactId>qmoe</artifactId>\\s*<version>)[^<]+(</version>)").matcher(pom);
        assertThat(own.find()).isTrue();
        Files.writeString(artifact.resolve("qmoe-" + VERSION + ".pom"), own.replaceFirst("$1" + VERSION + "$2"));

        Path project = dir.resolve("user");
        Path src = project.resolve("src/main/java");
        Files.createDirectories(src);
        Files.writeString(project.resolve("pom.xml"), userPom(repo));
        Files.writeString(src.resolve("QuickStart.java"), readmeExample());
        Path tree = project.resolve("tree.txt");
        Path classpath = project.resolve("cp.txt");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "compile", "dependency:tree", "-DoutputFile=" + tree,
                "dependency:build-classpath", "-Dmdep.outputFile=" + classpath)
                .directory(project.toFile()).redirectErrorStream(true).start();
        String log = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(mvn.exitValue()).as(log).isZero();

        String deps = Files.readString(tree);
        assertThat(deps).contains("org.redfx:strange", "org.hipparchus:hipparchus-core", "jackson-databind");
        assertThat(deps.toLowerCase()).doesNotContain("picocli", "xchart", "pdfbox", "jline", "junit",
                "progressbar", "vectorgraphics", "assertj", "spark", "hadoop", "scala");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", project.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(classpath).strip(), "QuickStart"));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("loss (\\S+)  f_N\\(0.5\\) = (\\S+)  target (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        double target = 0.6 * Math.cos(0.5) - 0.1;
        assertThat(Double.parseDouble(m.group(3))).isCloseTo(target, within(5e-5));
        // f_N(x) = A cos x + B with A = mean cos t0 cos t1, B = -mean sin t0 sin t1 can equal y = 0.6 cos x - 0.1; the
        // trained mixture must fall well below the initial loss (about 0.095 for A = B = 0) and predict between the data
        assertThat(Double.parseDouble(m.group(1))).as(out).isLessThan(1e-4);
        assertThat(Math.abs(Double.parseDouble(m.group(2)) - target)).as(out).isLessThan(0.02);
    }

    /** The Java program between the readme-example markers of README.md. */
    static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("<!-- readme-example");
        int end = readme.indexOf("<!-- /readme-example -->");
        assertThat(start).isNotNegative();
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
    }

    private static String userPom(Path repo) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>user</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <repositories>
                    <repository><id>scratch</id><url>%s</url></repository>
                  </repositories>
                  <dependencies>
                    <dependency><groupId>io.qmoe</groupId><artifactId>qmoe</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.7.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(repo.toUri(), VERSION);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", "io.qmoe");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
