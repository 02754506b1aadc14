package io.gridpulse.drills;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets a savepoint or retained checkpoint holds: where a job restored from it starts
 * reading each partition. Read from the split state of every Kafka source in it (the source
 * operator's {@code SourceReaderState}), so a drill knows exactly what a restored run has to read,
 * independent of the offsets the consumer group committed (a stop with a savepoint and a {@code
 * kill -9} both leave those behind the savepoint's).
 */
final class SavepointOffsets {

    /** The state name under which Flink's {@code SourceOperator} keeps its readers' splits. */
    private static final String SPLITS = "SourceReaderState";

    private SavepointOffsets() {}

    static Map<TopicPartition, Long> of(Path savepoint) throws IOException {
        CheckpointMetadata metadata;
        try (var in = new DataInputStream(Files.newInputStream(savepoint.resolve("_metadata")))) {
            metadata =
                    Checkpoints.loadCheckpointMetadata(
                            in,
                            SavepointOffsets.class.getClassLoader(),
                            savepoint.toUri().toString());
        }
        KafkaPartitionSplitSerializer splits = new KafkaPartitionSplitSerializer();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            for (OperatorSubtaskState subtask : operator.getStates()) {
                for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                    OperatorStateHandle.StateMetaInfo info =
                            handle.getStateNameToPartitionOffsets().get(SPLITS);
                    if (info == null) {
                        continue;
                    }
                    try (FSDataInputStream in = handle.openInputStream()) {
                        var view = new DataInputViewStreamWrapper(in);
                        for (long at : info.getOffsets()) {
                            in.seek(at);
                            byte[] bytes = BytePrimitiveArraySerializer.INSTANCE.deserialize(view);
                            KafkaPartitionSplit split =
                                    SimpleVersionedSerialization.readVersionAndDeSerialize(
                                            splits, bytes);
                            // a partition not read from yet keeps the EARLIEST sentinel (-2)
                            offsets.put(
                                    split.getTopicPartition(),
                                    Math.max(0, split.getStartingOffset()));
                        }
                    }
                }
            }
        }
        return offsets;
    }
}
