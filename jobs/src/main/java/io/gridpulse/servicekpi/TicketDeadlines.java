package io.gridpulse.servicekpi;

import io.gridpulse.common.config.Parsers;
import io.gridpulse.schema.TicketCategory;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a complaint of each category may stay open, e.g. {@code
 * OUTAGE=1d,ARREARS_DISCONNECTION=1d,*=5d}; {@code *} covers every category not named.
 */
public final class TicketDeadlines implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String raw;
    private final Map<String, Long> millisByCategory;
    private final long otherwiseMillis;

    private TicketDeadlines(String raw, Map<String, Long> millisByCategory, long otherwiseMillis) {
        this.raw = raw;
        this.millisByCategory = millisByCategory;
        this.otherwiseMillis = otherwiseMillis;
    }

    public static TicketDeadlines parse(String raw) {
        Map<String, Long> byCategory = new HashMap<>();
        Long otherwise = null;
        for (String entry : raw.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "expected CATEGORY=duration entries like OUTAGE=1d,*=5d, got '"
                                + entry.trim()
                                + "'");
            }
            String category = kv[0].trim();
            long millis = Parsers.duration(kv[1].trim()).toMillis();
            if (category.equals("*")) {
                otherwise = millis;
            } else {
                try {
                    TicketCategory.valueOf(category);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "unknown ticket category '"
                                    + category
                                    + "'; the categories are "
                                    + java.util.Arrays.toString(TicketCategory.values()));
                }
                byCategory.put(category, millis);
            }
        }
        if (otherwise == null) {
            throw new IllegalArgumentException(
                    "missing the deadline of the other categories, e.g. *=5d");
        }
        return new TicketDeadlines(raw, byCategory, otherwise);
    }

    public long millis(String category) {
        return millisByCategory.getOrDefault(category, otherwiseMillis);
    }

    public Duration of(String category) {
        return Duration.ofMillis(millis(category));
    }

    @Override
    public String toString() {
        return raw;
    }
}
