package io.gridpulse.common.clickhouse;

import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.TransportException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sorts insert failures into transient ones, worth a retry, and the rest, which no retry will fix
 * (a missing table, a column of the wrong type, bad credentials) and must stop the job loudly.
 */
final class InsertFailures {

    /** Server error codes that describe a busy, restarting or briefly unreachable server. */
    private static final Set<Integer> TRANSIENT_SERVER_CODES =
            Set.of(
                    159, // TIMEOUT_EXCEEDED
                    164, // READONLY
                    202, // TOO_MANY_SIMULTANEOUS_QUERIES
                    203, // NO_FREE_CONNECTION
                    209, // SOCKET_TIMEOUT
                    210, // NETWORK_ERROR
                    241, // MEMORY_LIMIT_EXCEEDED
                    242, // TABLE_IS_READ_ONLY
                    252, // TOO_MANY_PARTS
                    285, // TOO_FEW_LIVE_REPLICAS
                    319, // UNKNOWN_STATUS_OF_INSERT
                    425, // SYSTEM_ERROR
                    999, // KEEPER_EXCEPTION
                    1000); // POCO_EXCEPTION

    /**
     * Server error codes of a refused insert as such (no table, no column, no access), which no
     * single row causes: bisecting the batch would refuse every row.
     */
    private static final Set<Integer> WHOLE_INSERT_CODES =
            Set.of(
                    16, // NO_SUCH_COLUMN_IN_TABLE
                    47, // UNKNOWN_IDENTIFIER
                    60, // UNKNOWN_TABLE
                    81, // UNKNOWN_DATABASE
                    192, // UNKNOWN_USER
                    193, // WRONG_PASSWORD
                    497, // ACCESS_DENIED
                    516); // AUTHENTICATION_FAILED

    private InsertFailures() {}

    /** A server error about the data (parse, range, conversion), which a row of it may cause. */
    static boolean isRowProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return !WHOLE_INSERT_CODES.contains(server.getCode())
                        && !TRANSIENT_SERVER_CODES.contains(server.getCode())
                        && server.getTransportProtocolCode() != 503;
            }
        }
        return false;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return TRANSIENT_SERVER_CODES.contains(server.getCode())
                        || server.getTransportProtocolCode() == 503;
            }
            if (t instanceof ClientMisconfigurationException) {
                return false;
            }
            if (t instanceof ConnectionInitiationException
                    || t instanceof TransportException
                    || t instanceof DataTransferException
                    || t instanceof TimeoutException
                    || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
