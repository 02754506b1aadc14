package io.gridpulse.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.consumption.rules.SwapProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationScoreTest {

    private static final Instant NOON = Instant.parse("2026-03-02T04:00:00Z");
    private static final Map<String, Duration> HOURLY =
            Map.of("M-1", Duration.ofHours(1), "M-2", Duration.ofHours(1));

    /** The evidence of the job's profile check after a swap, as it begins. */
    private static final String PROFILE_EVIDENCE =
            SwapProfile.EVIDENCE + " of 2026-03-02T04:00:00Z: ...";

    private static ValidationScore.Label label(String meter, String rule, Instant at) {
        return new ValidationScore.Label(meter, rule, at, at);
    }

    private static ValidationScore.Detection case_(String meter, String rule, Instant at) {
        return new ValidationScore.Detection(meter, rule, at, at);
    }

    @Test
    void shouldMatchADetectionWithinOneReadIntervalOfItsLabelAndEachLabelOnce() {
        ValidationScore score =
                ValidationScore.of(
                        List.of(label("M-1", "SPIKE", NOON)),
                        List.of(
                                case_("M-1", "SPIKE", NOON.plus(Duration.ofMinutes(60))),
                                case_("M-1", "SPIKE", NOON.plus(Duration.ofMinutes(30)))),
                        HOURLY,
                        10,
                        2);

        assertThat(score.rule("SPIKE")).isEqualTo(new ValidationScore.RuleScore("SPIKE", 1, 1, 0));
        assertThat(score.rule("SPIKE").precision()).isEqualTo(0.5);
        assertThat(score.rule("SPIKE").recall()).isEqualTo(1.0);
    }

    @Test
    void shouldSetAsideMissingReadsInALabelledOutageOfTheMeterOnly() {
        ValidationScore.Outage outage =
                new ValidationScore.Outage(
                        "COLLECTION_FAILURE",
                        java.util.Set.of("M-2"),
                        NOON,
                        NOON.plusSeconds(7200));
        ValidationScore score =
                ValidationScore.of(
                        List.of(),
                        List.of(outage),
                        List.of(
                                case_("M-2", "MISSING_READS", NOON.plusSeconds(3600)),
                                case_("M-1", "MISSING_READS", NOON.plusSeconds(3600)),
                                case_("M-2", "MISSING_READS", NOON.plus(Duration.ofHours(4))),
                                case_("M-2", "SPIKE", NOON.plusSeconds(3600))),
                        HOURLY,
                        10,
                        2);

        assertThat(score.setAside()).containsExactly(Map.entry("COLLECTION_FAILURE", 1));
        assertThat(score.rule("MISSING_READS").fp())
                .as("another meter, and the same meter hours after the outage")
                .isEqualTo(2);
        assertThat(score.rule("SPIKE").fp()).as("an outage explains no spike").isEqualTo(1);
        assertThat(score.table()).contains("set aside").contains("COLLECTION_FAILURE=1");
    }

    @Test
    void shouldCountAMissAndADetectionOutsideTheWindowOrOfAnotherRule() {
        ValidationScore score =
                ValidationScore.of(
                        List.of(label("M-1", "SPIKE", NOON)),
                        List.of(
                                case_("M-1", "SPIKE", NOON.plus(Duration.ofMinutes(61))),
                                case_("M-1", "ZERO_CONSUMPTION", NOON)),
                        HOURLY,
                        10,
                        2);

        assertThat(score.rule("SPIKE")).isEqualTo(new ValidationScore.RuleScore("SPIKE", 0, 1, 1));
        assertThat(score.rule("ZERO_CONSUMPTION").fp()).isEqualTo(1);
        assertThat(score.rule("SPIKE").precision()).isZero();
    }

    @Test
    void shouldCountFalseFlagsOnlyOnMetersWithoutAnyLabelPerThousandMeterDays() {
        ValidationScore score =
                ValidationScore.of(
                        List.of(label("M-1", "SPIKE", NOON)),
                        List.of(case_("M-1", "FLATLINE", NOON), case_("M-2", "FLATLINE", NOON)),
                        HOURLY,
                        11,
                        50);

        assertThat(score.normalMeterDays()).isEqualTo(500);
        assertThat(score.falseFlagsPer1000MeterDays()).isEqualTo(2.0);
    }

    @Test
    void shouldWriteTheJsonOfTheInterfaceWithNumbersOnly() throws Exception {
        ValidationScore score =
                ValidationScore.of(List.of(label("M-1", "SPIKE", NOON)), List.of(), HOURLY, 10, 2);

        JsonNode json = new ObjectMapper().readTree(score.toJson());

        assertThat(json.get("meters").asInt()).isEqualTo(10);
        assertThat(json.get("days").asInt()).isEqualTo(2);
        assertThat(json.get("normal_meter_days").asLong()).isEqualTo(18);
        assertThat(json.get("false_flags_per_1000_meter_days").isNumber()).isTrue();
        JsonNode spike = json.get("rules").get(0);
        assertThat(spike.get("rule").asText()).isEqualTo("SPIKE");
        assertThat(spike.get("fn").asInt()).isEqualTo(1);
        assertThat(spike.get("precision").isNumber()).isTrue();
        assertThat(spike.get("precision").asDouble()).isZero();
    }

    @Test
    void shouldExpectAReSentReadAsADuplicateRead() {
        ValidationScore score =
                ValidationScore.of(
                        List.of(label("M-1", "LATE_READ", NOON)),
                        List.of(case_("M-1", "DUPLICATE_READ", NOON.plusSeconds(1800))),
                        HOURLY,
                        10,
                        2);

        assertThat(score.rule("DUPLICATE_READ"))
                .isEqualTo(new ValidationScore.RuleScore("DUPLICATE_READ", 1, 0, 0));
        assertThat(score.rules())
                .extracting(ValidationScore.RuleScore::rule)
                .containsExactly("DUPLICATE_READ");
    }

    @Test
    void shouldLetACaseStillOpenOverlapALabelThatBeganAfterItOpened() {
        Instant dayBefore = NOON.minus(Duration.ofHours(5));
        ValidationScore score =
                ValidationScore.of(
                        List.of(
                                new ValidationScore.Label(
                                        "M-1",
                                        "SUSTAINED_DROP",
                                        NOON,
                                        NOON.plus(Duration.ofDays(20))),
                                new ValidationScore.Label(
                                        "M-2",
                                        "SUSTAINED_DROP",
                                        NOON,
                                        NOON.plus(Duration.ofDays(20)))),
                        List.of(
                                new ValidationScore.Detection(
                                        "M-1", "SUSTAINED_DROP", dayBefore, ValidationScore.OPEN),
                                new ValidationScore.Detection(
                                        "M-2",
                                        "SUSTAINED_DROP",
                                        dayBefore,
                                        dayBefore.plusSeconds(3600))),
                        HOURLY,
                        10,
                        30);

        assertThat(score.rule("SUSTAINED_DROP"))
                .as("the open case matches; the one closed before the label began does not")
                .isEqualTo(new ValidationScore.RuleScore("SUSTAINED_DROP", 1, 1, 1));
        assertThat(score.falseCases()).singleElement().asString().startsWith("M-2 SUSTAINED_DROP");
        assertThat(score.misses()).singleElement().asString().startsWith("M-2 SUSTAINED_DROP");
    }

    @Test
    void shouldMatchInTimeOrderWhateverOrderTheCasesAreReadIn() {
        List<ValidationScore.Label> labels =
                List.of(label("M-1", "SPIKE", NOON), label("M-1", "SPIKE", NOON.plusSeconds(7200)));
        // the later case overlaps both labels; read first and matched greedily it would take the
        // first label and leave the earlier case nothing
        List<ValidationScore.Detection> cases =
                List.of(
                        case_("M-1", "SPIKE", NOON.plusSeconds(3600)),
                        case_("M-1", "SPIKE", NOON.minusSeconds(3600)));

        ValidationScore score = ValidationScore.of(labels, cases, HOURLY, 10, 2);

        assertThat(score.rule("SPIKE")).isEqualTo(new ValidationScore.RuleScore("SPIKE", 2, 0, 0));
    }

    @Test
    void shouldScoreTheSwapProfileCheckOnARowOfItsOwn() {
        Instant swap = NOON;
        Instant end = NOON.plus(Duration.ofDays(20));
        ValidationScore score =
                ValidationScore.of(
                        List.of(
                                label("M-1", "METER_SWAP", swap.plusSeconds(3600)),
                                new ValidationScore.Label("M-1", "CROSSED_METER", swap, end),
                                label("M-2", "METER_SWAP", swap.plusSeconds(3600))),
                        List.of(
                                case_("M-1", "METER_SWAP", swap.plusSeconds(3600)),
                                new ValidationScore.Detection(
                                        "M-1",
                                        "METER_SWAP",
                                        swap.plus(Duration.ofDays(7)),
                                        swap.plus(Duration.ofDays(7)),
                                        PROFILE_EVIDENCE),
                                case_("M-2", "METER_SWAP", swap.plusSeconds(3600)),
                                new ValidationScore.Detection(
                                        "M-2",
                                        "METER_SWAP",
                                        swap.plus(Duration.ofDays(7)),
                                        swap.plus(Duration.ofDays(7)),
                                        PROFILE_EVIDENCE)),
                        HOURLY,
                        10,
                        30);

        assertThat(score.rule("METER_SWAP"))
                .as("the swaps themselves")
                .isEqualTo(new ValidationScore.RuleScore("METER_SWAP", 2, 0, 0));
        assertThat(score.rule(ValidationScore.PROFILE_SHIFT))
                .as("the crossed meter found, the ordinary swap's profile case a false one")
                .isEqualTo(new ValidationScore.RuleScore(ValidationScore.PROFILE_SHIFT, 1, 1, 0));
        assertThat(score.falseCases())
                .singleElement()
                .asString()
                .startsWith("M-2 " + ValidationScore.PROFILE_SHIFT);
    }
}
