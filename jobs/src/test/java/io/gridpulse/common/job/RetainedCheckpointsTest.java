package io.gridpulse.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {

    private static final Instant EARLIER = Instant.parse("2026-11-27T06:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-27T07:00:00Z");

    @TempDir Path checkpoints;

    private Path checkpoint(String job, int n, Instant completedAt) throws Exception {
        Path dir = Files.createDirectories(checkpoints.resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(completedAt));
        return dir;
    }

    @Test
    void shouldPickTheNewestCompletedCheckpointOfAnyJob() throws Exception {
        checkpoint("job-a", 40, EARLIER);
        Path newest = checkpoint("job-b", 3, LATER);

        assertThat(RetainedCheckpoints.latest(checkpoints)).contains(newest);
    }

    @Test
    void shouldIgnoreACheckpointStillInProgress() throws Exception {
        Path completed = checkpoint("job-a", 7, EARLIER);
        Files.createDirectories(checkpoints.resolve("job-a").resolve("chk-8"));

        assertThat(RetainedCheckpoints.latest(checkpoints)).contains(completed);
    }

    @Test
    void shouldFindNothingInAMissingOrEmptyFolder() {
        assertThat(RetainedCheckpoints.latest(checkpoints)).isEmpty();
        assertThat(RetainedCheckpoints.latest(checkpoints.resolve("nope"))).isEmpty();
    }
}
