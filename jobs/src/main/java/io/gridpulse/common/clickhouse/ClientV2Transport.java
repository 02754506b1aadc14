package io.gridpulse.common.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Inserts through ClickHouse's official Java client ({@code client-v2}) over HTTP. */
final class ClientV2Transport implements InsertTransport {

    private static final long INSERT_TIMEOUT_SECONDS = 180;

    private final Client client;

    ClientV2Transport(Client client) {
        this.client = client;
    }

    static InsertTransport.Factory factory(ClickHouseSettings settings) {
        return clientName -> new ClientV2Transport(settings.newClient(clientName));
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rows) throws Exception {
        try (var response =
                client.insert(
                                table,
                                columns,
                                new ByteArrayInputStream(rows),
                                ClickHouseFormat.JSONEachRow)
                        .get(INSERT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // nothing to read: a completed future is an acknowledged insert
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
