package io.gridpulse.simulator;

import java.util.Properties;

/**
 * The Kafka client security of the {@code gridpulse} configuration (security protocol, SASL, TLS,
 * {@code kafka.client.*}) laid over a simulator client's own settings: the simulator's producers
 * and consumers reach a secured broker like the jobs do.
 */
public final class KafkaSecurity {

    private KafkaSecurity() {}

    /** {@code own} with {@code security} applied over it, as a new object. */
    public static Properties over(Properties own, Properties security) {
        Properties merged = new Properties();
        merged.putAll(own);
        merged.putAll(security);
        return merged;
    }
}
