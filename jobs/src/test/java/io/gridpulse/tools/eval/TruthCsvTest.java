package io.gridpulse.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthCsvTest {

    @TempDir Path dir;

    @Test
    void shouldReadTheLabelsOfAFileWhoseFreeTextHoldsCommasAndQuotes() throws Exception {
        Path csv = dir.resolve("anomalies.csv");
        Files.writeString(
                csv,
                "meter_id,customer_id,rule,event_time,until,detail\n"
                        + "M1,C1,SPIKE,2026-03-02T09:15:00Z,2026-03-02T11:15:00Z,"
                        + "\"12x the average, \"\"heater\"\"\"\n");

        assertThat(ValidationEval.labels(csv))
                .containsExactly(
                        new ValidationScore.Label(
                                "M1",
                                "SPIKE",
                                Instant.parse("2026-03-02T09:15:00Z"),
                                Instant.parse("2026-03-02T11:15:00Z"),
                                "12x the average, \"heater\""));
        assertThat(TruthCsv.rows(csv).get(0))
                .containsEntry("detail", "12x the average, \"heater\"");
    }
}
