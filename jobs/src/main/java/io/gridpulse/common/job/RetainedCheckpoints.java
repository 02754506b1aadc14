package io.gridpulse.common.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoints Flink kept in a checkpoint folder ({@code <dir>/<job id>/chk-<n>}), so a
 * stopped job can resume where it was.
 */
public final class RetainedCheckpoints {

    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /**
     * The newest completed checkpoint under {@code dir}: a {@code chk-<n>} folder whose metadata
     * was written (a checkpoint in progress has none), searched in {@code dir} itself and in its
     * job folders.
     */
    public static Optional<Path> latest(Path dir) {
        // a running job deletes subsumed checkpoints while we look: look again
        for (int attempt = 1; ; attempt++) {
            try {
                return find(dir);
            } catch (UncheckedIOException e) {
                if (attempt >= 5 || !(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static Optional<Path> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> metadata =
                Files.find(dir, 3, (p, attributes) -> isCheckpointMetadata(p))) {
            return metadata.toList().stream()
                    .max(Comparator.comparing(RetainedCheckpoints::writtenAt))
                    .map(Path::getParent)
                    .filter(Files::isDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    private static boolean isCheckpointMetadata(Path p) {
        return p.getFileName().toString().equals(METADATA)
                && p.getParent().getFileName().toString().startsWith("chk-");
    }

    private static java.nio.file.attribute.FileTime writtenAt(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
