package io.gridpulse.common.clickhouse;

import com.clickhouse.client.api.ClientConfigProperties;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which options of the ClickHouse client {@code clickhouse.client.*} may pass through (TLS trust
 * and key stores, SSL mode, proxies, connection pool and timeouts, ...): the keys client-v2
 * defines, less the ones GridPulse sets itself. Which of them carry a secret.
 */
public final class ClickHouseClientOptions {

    /**
     * Set by GridPulse from its own keys or per client; the sink's retries and the JSONEachRow
     * format are its own decisions, so a pass-through would break them.
     */
    private static final Set<String> OWN =
            Set.of(
                    ClientConfigProperties.USER.getKey(),
                    ClientConfigProperties.PASSWORD.getKey(),
                    ClientConfigProperties.DATABASE.getKey(),
                    ClientConfigProperties.COMPRESS_SERVER_RESPONSE.getKey(),
                    ClientConfigProperties.CLIENT_NAME.getKey(),
                    ClientConfigProperties.RETRY_ON_FAILURE.getKey(),
                    ClientConfigProperties.CLIENT_RETRY_ON_FAILURE.getKey(),
                    ClientConfigProperties.INPUT_OUTPUT_FORMAT.getKey(),
                    ClientConfigProperties.QUERY_ID.getKey());

    private ClickHouseClientOptions() {}

    public static Set<String> allowed() {
        return Arrays.stream(ClientConfigProperties.values())
                .map(ClientConfigProperties::getKey)
                .filter(k -> !OWN.contains(k))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Passwords (key store, proxy), access and bearer tokens, the client's private key. */
    public static boolean isSecret(String name) {
        return name.contains("password")
                || name.contains("token")
                || name.equals(ClientConfigProperties.SSL_KEY.getKey());
    }
}
