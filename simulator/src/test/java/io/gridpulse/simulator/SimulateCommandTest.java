package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--meters abc                    | Invalid value for option '--meters': 'abc' is not an int",
                "--meters 10                     | --meters must be a whole number from 50 to 1000000, got '10'",
                "--days 0                        | --days must be a whole number from 1 to 366, got '0'",
                "--seed x1                       | Invalid value for option '--seed': 'x1' is not a long",
                "--start 2026-03-02              | Invalid value for option '--start': '2026-03-02' is not an ISO-8601 instant",
                "--start 2026-03-02T00:07:00Z    | --start: start must be on a 15-minute boundary",
                "--mode slow                     | Invalid value for option '--mode': expected one of [fast, realtime]",
                "--speed -5                      | --speed must be a positive number, got '-5'",
                "--colour red                    | Unknown options: '--colour'",
                "--meters                        | Missing required parameter for option '--meters'",
                "meters 10                       | Unmatched arguments from index 0: 'meters'",
            })
    void badFlagsAreNamedAndExitWithTwo(String args, String message) {
        int code = SimulateCommand.run(args.trim().split("\\s+"), print(out), print(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).contains("Usage:");
    }

    @Test
    void helpPrintsTheOptionsAndAnExample() {
        int code = SimulateCommand.run(new String[] {"--help"}, print(out), print(err));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: simulate", "--bootstrap-servers", "--truth-dir", "--topic-prefix")
                .contains("default 2000", "Example:", "./gridpulse simulate --meters");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
