package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run accounting: loud warnings for late and dead-lettered shares above a threshold. */
class RunAccountingTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private boolean print(RunAccounting.Line line, double deadLetterWarning) {
        return RunAccounting.print(
                "consumption",
                List.of(line),
                0.05,
                deadLetterWarning,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWarnWhenTheDeadLetterShareIsAboveTheThreshold() {
        // 30 of 1,000 read records dead-lettered: 3 %
        var line = new RunAccounting.Line("meter-reads", 1000, 970, 20, 10, 0);

        assertThat(print(line, 0.01)).as("accounted for").isTrue();

        assertThat(text())
                .contains("WARNING: 3.0 % of the meter-reads records job consumption read were")
                .contains("DEAD-LETTERED (above events.dead.letter.share.warning 1.0 %)")
                .contains("meter-reads-dlq");
    }

    @Test
    void shouldNotWarnAtOrBelowTheThreshold() {
        var line = new RunAccounting.Line("meter-reads", 1000, 990, 10, 0, 0);

        assertThat(print(line, 0.01)).isTrue();

        assertThat(text()).doesNotContain("WARNING");
    }

    @Test
    void shouldNotWarnAboutAnEmptyTopic() {
        assertThat(print(new RunAccounting.Line("bills", 0, 0, 0, 0, 0), 0.0)).isTrue();

        assertThat(text()).doesNotContain("WARNING");
    }
}
