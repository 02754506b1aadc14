package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointOwnershipTest {

    private static final String GENERATION = "3f2a9c0d11223344";
    private static final String AFTER_RESET = "77aa0000bbcc1122";

    @TempDir Path dir;

    private Path checkpointOf(String job, String generation, boolean bounded) throws Exception {
        Path run = dir.resolve(job).resolve("a1b2c3");
        CheckpointOwnership.stamp(run, job, generation, bounded);
        Path chk = Files.createDirectories(run.resolve("chk-7"));
        Files.writeString(chk.resolve("_metadata"), "x");
        return chk;
    }

    @Test
    void shouldResumeFromItsOwnCheckpoint() throws Exception {
        Path chk = checkpointOf("consumption", GENERATION, false);
        assertThatCode(() -> CheckpointOwnership.verify(chk, "consumption", GENERATION))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseACheckpointOfAnotherJob() throws Exception {
        Path chk = checkpointOf("reconnect", GENERATION, false);
        assertThatThrownBy(() -> CheckpointOwnership.verify(chk, "consumption", GENERATION))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("checkpoint of job 'reconnect'");
    }

    @Test
    void shouldRefuseACheckpointFromBeforeAReset() throws Exception {
        Path chk = checkpointOf("consumption", GENERATION, false);
        assertThatThrownBy(() -> CheckpointOwnership.verify(chk, "consumption", AFTER_RESET))
                .hasMessageContaining("taken on other streams")
                .hasMessageContaining("reset");
    }

    @Test
    void shouldRefuseACheckpointOfABoundedRun() throws Exception {
        Path chk = checkpointOf("consumption", GENERATION, true);
        assertThatThrownBy(() -> CheckpointOwnership.verify(chk, "consumption", GENERATION))
                .hasMessageContaining("--until-idle")
                .hasMessageContaining("FLINK-31006");
    }

    @Test
    void shouldRefuseACheckpointWithoutAStamp() throws Exception {
        Path chk = Files.createDirectories(dir.resolve("consumption/ffff/chk-3"));
        assertThatThrownBy(() -> CheckpointOwnership.verify(chk, "consumption", GENERATION))
                .hasMessageContaining("no GridPulse stamp");
    }
}
