package io.gridpulse.common.job;

import io.gridpulse.common.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * Says whose a checkpoint is. Every run writes a stamp beside the checkpoints Flink keeps for it
 * ({@code <job.checkpoint.dir>/<job>/<flink job id>/gridpulse-run.properties}): the GridPulse job,
 * the stream generation it read ({@link StreamGeneration}), and whether the run was bounded. A
 * restore is refused with the reason when the checkpoint belongs to another job, to the streams
 * before a {@code reset}, or to an {@code --until-idle} run (a bounded source restored from a
 * checkpoint never finishes, FLINK-31006), or when it carries no stamp at all.
 */
public final class CheckpointOwnership {

    public static final String STAMP = "gridpulse-run.properties";

    private CheckpointOwnership() {}

    /** Records who writes the checkpoints under {@code runDir} (the Flink job's folder). */
    public static void stamp(Path runDir, String jobName, String generation, boolean bounded) {
        Properties p = new Properties();
        p.setProperty("job", jobName);
        p.setProperty("generation", generation);
        p.setProperty("bounded", String.valueOf(bounded));
        p.setProperty("started", Instant.now().toString());
        try {
            Files.createDirectories(runDir);
            try (Writer w =
                    Files.newBufferedWriter(runDir.resolve(STAMP), StandardCharsets.UTF_8)) {
                p.store(w, "GridPulse: whose checkpoints these are");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint stamp in " + runDir, e);
        }
    }

    /**
     * Fails with the reason unless the checkpoint {@code chk} (a {@code chk-<n>} folder) was
     * written by an unbounded run of {@code jobName} on stream generation {@code generation}.
     */
    public static void verify(Path chk, String jobName, String generation) {
        Path stampFile = chk.toAbsolutePath().getParent().resolve(STAMP);
        if (!Files.isRegularFile(stampFile)) {
            throw new ConfigException(
                    "refusing to resume "
                            + jobName
                            + " from "
                            + chk
                            + ": it carries no GridPulse stamp ("
                            + STAMP
                            + " beside it), so nothing says which job and which streams it belongs to");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stampFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stampFile, e);
        }
        String owner = p.getProperty("job", "");
        if (!owner.equals(jobName)) {
            throw new ConfigException(
                    "refusing to resume "
                            + jobName
                            + " from "
                            + chk
                            + ": it is a checkpoint of job '"
                            + owner
                            + "'");
        }
        if (Boolean.parseBoolean(p.getProperty("bounded"))) {
            throw new ConfigException(
                    "refusing to resume "
                            + jobName
                            + " from "
                            + chk
                            + ": it was taken by an --until-idle run, and a bounded Kafka source"
                            + " restored from a checkpoint never finishes (FLINK-31006)");
        }
        if (!p.getProperty("generation", "").equals(generation)) {
            throw new ConfigException(
                    "refusing to resume "
                            + jobName
                            + " from "
                            + chk
                            + ": it was taken on other streams (generation "
                            + p.getProperty("generation")
                            + ", now "
                            + generation
                            + "): the topics were reset or recreated since");
        }
    }
}
