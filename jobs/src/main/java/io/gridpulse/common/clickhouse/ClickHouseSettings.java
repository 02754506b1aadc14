package io.gridpulse.common.clickhouse;

import com.clickhouse.client.api.Client;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * How GridPulse reaches ClickHouse. Travels into sink writers; {@link #toString()} never shows the
 * password. Response compression is a setting because ClickHouse 18.16 answers compressed requests
 * with an empty body, while current servers want it on.
 */
public final class ClickHouseSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String database;
    private final String user;
    private final String password;
    private final boolean compressResponse;

    /** {@code clickhouse.client.*}: client-v2 options by their own names. */
    private final TreeMap<String, String> clientOptions;

    public ClickHouseSettings(
            String url, String database, String user, String password, boolean compressResponse) {
        this(url, database, user, password, compressResponse, Map.of());
    }

    public ClickHouseSettings(
            String url,
            String database,
            String user,
            String password,
            boolean compressResponse,
            Map<String, String> clientOptions) {
        this.url = url;
        this.database = database;
        this.user = user;
        this.password = password;
        this.compressResponse = compressResponse;
        this.clientOptions = new TreeMap<>(clientOptions);
    }

    public static ClickHouseSettings from(GridPulseConfig config) {
        return new ClickHouseSettings(
                config.get(CommonKeys.CLICKHOUSE_URL),
                config.get(CommonKeys.CLICKHOUSE_DATABASE),
                config.get(CommonKeys.CLICKHOUSE_USER),
                config.get(CommonKeys.CLICKHOUSE_PASSWORD),
                config.get(CommonKeys.CLICKHOUSE_COMPRESS_RESPONSE),
                config.get(CommonKeys.CLICKHOUSE_CLIENT));
    }

    public String database() {
        return database;
    }

    /** The same server and credentials, another database (fresh databases in tests). */
    public ClickHouseSettings withDatabase(String otherDatabase) {
        return new ClickHouseSettings(
                url, otherDatabase, user, password, compressResponse, clientOptions);
    }

    /** A client on this database; {@code clientName} shows in the server's query log. */
    public Client newClient(String clientName) {
        return newClient(clientName, database);
    }

    Client newClient(String clientName, String defaultDatabase) {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password)
                .setDefaultDatabase(defaultDatabase)
                // 18.16 ignores the database header client-v2 sends; the URL parameter works on
                // every version
                .serverSetting("database", defaultDatabase)
                .compressServerResponse(compressResponse)
                .setClientName(clientName)
                // the sink retries with its own backoff and classification; one place decides
                .setMaxRetries(0)
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setSocketTimeout(120, ChronoUnit.SECONDS)
                // below the server's keep_alive_timeout (3 s on 18.16, 10 s and more on current
                // servers): a pooled connection the server has just closed is never reused, which
                // once failed a poll with NoHttpResponseException
                .setKeepAliveTimeout(2, ChronoUnit.SECONDS)
                // last, so an operator's timeouts and TLS settings win over the defaults above
                .setOptions(clientOptions)
                .build();
    }

    @Override
    public String toString() {
        return "ClickHouseSettings{url="
                + url
                + ", database="
                + database
                + ", user="
                + user
                + ", password="
                + (password.isEmpty() ? "(empty)" : "******")
                + ", compressResponse="
                + compressResponse
                + (clientOptions.isEmpty() ? "" : ", client=" + maskedClientOptions())
                + "}";
    }

    private Map<String, String> maskedClientOptions() {
        Map<String, String> shown = new TreeMap<>();
        clientOptions.forEach(
                (name, value) ->
                        shown.put(name, ClickHouseClientOptions.isSecret(name) ? "******" : value));
        return shown;
    }
}
