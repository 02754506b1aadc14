package io.gridpulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command tree of {@code ./gridpulse}: help for every command, bad usage exits 2 naming the
 * option, before any connection is made (no stack needed).
 */
class GridPulseCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "setup",
                "reset",
                "run",
                "sql",
                "summary",
                "simulate",
                "replay",
                "eval",
                "eval highbill",
                "bench",
                "bench reconnect",
                "report",
                "report month",
                "report dispute",
                "cluster",
                "cluster jobs",
                "cluster cancel",
                "schemas",
                "schemas publish",
                "schemas list"
            })
    void shouldPrintHelpWithAnExampleForEveryCommand(String command) {
        int code = run((command + " --help").split(" "));

        assertThat(code).isZero();
        assertThat(text(out)).startsWith("Usage: gridpulse " + command).contains("Example:");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void shouldListEveryCommandInTheTopLevelHelp() {
        assertThat(run("--help")).isZero();
        assertThat(text(out))
                .contains("setup", "reset", "run", "sql", "summary", "simulate", "replay")
                .contains("eval", "bench", "report", "cluster", "schemas", "completion");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "run --until-idle --colour red      | Unknown option: '--colour'",
                "run --from-checkpoint              | Missing required parameter for option '--from-checkpoint'",
                "sql                                | Missing required parameter: 'QUERY'",
                "eval highbill                      | Missing required option: '--truth=DIR'",
                "eval outliers --truth x            | Unmatched argument at index 1: 'outliers'",
                "eval --truth x                     | eval needs --truth DIR, --meters N and --days N",
                "bench reconnect --cases many       | Invalid value for option '--cases': 'many' is not an int",
                "report dispute                     | Missing required parameter: 'CUSTOMER'",
                "schemas publish                    | Missing required parameter: 'FILE'",
                "simulate --meters 10               | --meters must be a whole number from 50 to 1000000, got '10'",
                "replay                             | FILE is required",
                "frobnicate                         | Unmatched argument at index 0: 'frobnicate'",
            })
    void shouldExitWithTwoAndNameTheOptionOnBadUsage(String args, String message) {
        int code = run(args.trim().split("\\s+"));

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).contains(message);
    }

    @Test
    void shouldFollowAParseErrorWithTheCommandsUsage() {
        assertThat(run("summary", "--truth")).isEqualTo(2);
        assertThat(text(err))
                .startsWith("Missing required parameter for option '--truth'")
                .contains("Usage: gridpulse summary [-h] [--truth=DIR]");
    }

    @Test
    void shouldRefuseToResumeAnUntilIdleRunBeforeConnecting() {
        int code = run("run", "--until-idle", "--from-checkpoint", "latest");

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).contains("gridpulse: --until-idle cannot resume from a checkpoint");
    }

    @Test
    void shouldPrintABashCompletionScript() {
        assertThat(run("completion")).isZero();
        assertThat(text(out)).contains("complete -F", "gridpulse", "--until-idle", "--truth");
    }

    private int run(String... args) {
        return GridPulse.commandLine(print(out), print(err)).execute(args);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
