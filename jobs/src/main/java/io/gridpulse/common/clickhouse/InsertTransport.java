package io.gridpulse.common.clickhouse;

import java.io.Serializable;
import java.util.List;

/** Sends one batch of {@code JSONEachRow} lines to a table. One per sink writer. */
public interface InsertTransport extends AutoCloseable {

    void insert(String table, List<String> columns, byte[] rows) throws Exception;

    /** Opens a transport inside a task; nothing touches the network before that. */
    @FunctionalInterface
    interface Factory extends Serializable {
        InsertTransport open(String clientName);
    }
}
