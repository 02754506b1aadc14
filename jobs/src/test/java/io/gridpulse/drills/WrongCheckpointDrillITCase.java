package io.gridpulse.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code wrong-checkpoint}, as an operator meets it: the checkpoint of an interrupted {@code
 * --until-idle} run, and {@code run --from-checkpoint} after a {@code reset}, are refused with the
 * reason and exit code 2 (INTERFACES.md: input refused before anything was done).
 */
@EnabledIfEnvironmentVariable(
        named = "GRIDPULSE_DRILL_FULL",
        matches = "true",
        disabledReason =
                "a drill of ./gridpulse drill only: ./gridpulse test stays under 20 minutes")
@Timeout(1200)
class WrongCheckpointDrillITCase {

    private static final Duration REFUSAL = Duration.ofMinutes(4);

    @TempDir Path dir;

    @Test
    void shouldRefuseABoundedRunsCheckpointAndOneFromBeforeAReset() throws Exception {
        TestStack stack =
                TestStack.fresh(
                        "wrongchkdrill",
                        dir.resolve("checkpoints"),
                        CityDrill.settings(Map.of("job.checkpoint.interval", "300ms")));
        CityDrill drill = new CityDrill("wrong-checkpoint", stack, List.of(CityDrill.JOB));
        drill.feed(1000, 2);
        Map<String, String> none = Map.of();

        // an --until-idle run interrupted after a checkpoint (a finished run discards its own)
        Path boundedChk;
        try (GridPulseProcess bounded = drill.run(none, "--until-idle")) {
            boundedChk = drill.awaitCheckpoint(bounded, null, Duration.ofMinutes(6));
            bounded.kill();
        }
        assertRefused(drill, "it was taken by an --until-idle run");

        // an unbounded run's checkpoint, kept aside, then reset
        Path aside;
        try (GridPulseProcess unbounded = drill.run(none)) {
            Path chk = drill.awaitCheckpoint(unbounded, boundedChk, Duration.ofMinutes(6));
            unbounded.kill();
            aside = dir.resolve("aside").resolve(chk.getParent().getFileName());
            copy(chk.getParent(), aside);
            aside = aside.resolve(chk.getFileName());
        }
        int reset =
                GridPulseProcess.run(
                        stack, none, drill.dir.resolve("reset.log"), REFUSAL, "reset", "--yes");
        assertThat(reset).as("reset; see " + drill.dir.resolve("reset.log")).isZero();
        assertRefused(drill, "no completed checkpoint of job " + CityDrill.JOB);
        assertRefused(
                drill,
                "the topics were reset or recreated since",
                "--from-checkpoint",
                aside.toString());
        drill.figures.put("refusals", 3);
        drill.figures.put("exit_code", 2);
        drill.report();
    }

    private static void assertRefused(CityDrill drill, String reason, String... from)
            throws Exception {
        String[] args = from.length == 0 ? new String[] {"--from-checkpoint", "latest"} : from;
        try (GridPulseProcess run = drill.run(Map.of(), args)) {
            int exit = run.waitFor(REFUSAL);
            assertThat(run.output()).as("the reason, in " + run.log()).contains(reason);
            assertThat(exit).as("exit code of a refused resume, " + run.log()).isEqualTo(2);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
