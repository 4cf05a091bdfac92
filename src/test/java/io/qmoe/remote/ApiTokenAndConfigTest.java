package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token characters and files, configuration variables, and the regional host taken from the service CRN. */
class ApiTokenAndConfigTest {
    private static final String SECRET = "SECRET-TOK";

    @TempDir
    Path dir;

    private static String refusal(String token) {
        Throwable t = catchThrowable(() -> ApiToken.fromEnvironment(Map.of("QMOE_IBM_TOKEN", token),
                "QMOE_IBM_TOKEN", "QMOE_IBM_TOKEN_FILE"));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.getMessage()).doesNotContain(SECRET).doesNotContain("crn").doesNotContain("\n")
                .startsWith("QMOE_IBM_TOKEN has ");
        return t.getMessage();
    }

    @Test
    void aTokenWithALineBreakOrAnInvisibleCharacterIsRefusedWithoutShowingIt() {
        // "SECRET-TOK" is 10 characters: the offending one is the 11th
        assertThat(refusal(SECRET + "\ncrn:v1:x")).contains("a line break").contains("position 11 of 19");
        assertThat(refusal(SECRET + " crn:v1:x")).contains("white space").contains("position 11");
        assertThat(refusal(SECRET + "\u200Bx")).contains("an invisible character (U+200B)").contains("position 11");
        assertThat(refusal(SECRET + "\u0007x")).contains("a control character");
        assertThat(refusal(SECRET + "é")).contains("a non-ASCII character (U+00E9)");
        // surrounding white space (a token file's final line break) is not part of the token
        assertThat(ApiToken.of("  " + SECRET + "\n").value()).isEqualTo(SECRET);
    }

    @Test
    void tokenFilesThatAreMissingDirectoriesOrTwoLinesAreOneLineErrorsNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ApiToken.fromFile(missing)).hasMessage(missing + ": the token file does not exist");
        assertThatThrownBy(() -> ApiToken.fromFile(dir)).hasMessage(dir + ": the token file is a directory, not a "
                + "file");
        Path two = dir.resolve("token");
        Files.writeString(two, SECRET + "\ncrn:v1:bluemix:public:quantum-computing:us-east:a/1:2::\n");
        Files.setPosixFilePermissions(two, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ApiToken.fromFile(two)).hasMessageStartingWith(two + ": the token has a line break")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining("crn");
        Files.writeString(two, SECRET + "\n");
        assertThat(ApiToken.fromFile(two).value()).isEqualTo(SECRET);
        assertThat(ApiToken.fromFile(two).toString()).doesNotContain(SECRET);
    }

    @Test
    void malformedVariablesAreNamed() {
        for (String v : new String[] {"QMOE_IBM_PRECISION", "QMOE_IBM_DEADLINE_MINUTES", "QMOE_IBM_TIMEOUT_SECONDS",
            "QMOE_IBM_RETRY_AFTER_CAP_SECONDS", "QMOE_IBM_RETRY_BASE_SECONDS", "QMOE_IBM_POLL_SECONDS"}) {
            assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of(v, "abc")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(v + ": 'abc' is not a number");
            assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of(v, "-1")))
                    .hasMessage(v + ": must be a positive number, got -1");
        }
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_NATIVE_2Q", "iswap")))
                .hasMessageStartingWith("QMOE_IBM_NATIVE_2Q: ");
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_SESSION", "often")))
                .hasMessageStartingWith("QMOE_IBM_SESSION: ");
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_URL", "not a url")))
                .hasMessageStartingWith("QMOE_IBM_URL: ");
    }

    @Test
    void theRegionalHostComesFromTheInstanceCrnAndTheApiVersionIsCurrent() {
        String us = "crn:v1:bluemix:public:quantum-computing:us-east:a/abc123:inst-1::";
        String eu = "crn:v1:bluemix:public:quantum-computing:eu-de:a/abc123:inst-2::";
        IbmRuntimeConfig c = IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_INSTANCE", us));
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://quantum.cloud.ibm.com/api"));
        assertThat(c.apiVersion()).isEqualTo("2026-04-15");
        assertThat(c.iamUrl()).isEqualTo(URI.create("https://iam.cloud.ibm.com/identity/token"));
        assertThat(c.sessionMode()).isEqualTo("batch");
        assertThat(IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_INSTANCE", eu)).baseUrl())
                .isEqualTo(URI.create("https://eu-de.quantum.cloud.ibm.com/api"));
        assertThat(IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_INSTANCE", eu, "QMOE_IBM_URL",
                "https://example.org/api")).baseUrl()).isEqualTo(URI.create("https://example.org/api"));
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("dev", Map.of("QMOE_IBM_INSTANCE", "my-instance")))
                .hasMessageContaining("QMOE_IBM_INSTANCE is not a service CRN");
    }
}
