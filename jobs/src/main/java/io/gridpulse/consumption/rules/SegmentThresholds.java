package io.gridpulse.consumption.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A threshold per customer segment, written {@code RESIDENT:1.5,SHOP:4,*:2}; {@code *} is every
 * other segment.
 */
public record SegmentThresholds(Map<String, Double> values, double otherwise)
        implements Serializable {

    public double of(String segment) {
        return values.getOrDefault(segment, otherwise);
    }

    public static SegmentThresholds parse(String raw) {
        Map<String, Double> values = new LinkedHashMap<>();
        Double otherwise = null;
        for (String part : raw.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "'" + part.trim() + "' is not SEGMENT:number, e.g. RESIDENT:1.5,*:2");
            }
            double value;
            try {
                value = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + kv[1].trim() + "' is not a number");
            }
            if (!(value >= 0)) {
                throw new IllegalArgumentException("'" + kv[1].trim() + "' must be >= 0");
            }
            if (kv[0].trim().equals("*")) {
                otherwise = value;
            } else {
                values.put(kv[0].trim().toUpperCase(java.util.Locale.ROOT), value);
            }
        }
        if (otherwise == null) {
            throw new IllegalArgumentException(
                    "'" + raw + "' needs a default for other segments, e.g. *:2");
        }
        return new SegmentThresholds(Map.copyOf(values), otherwise);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(':').append(v).append(','));
        return s.append("*:").append(otherwise).toString();
    }
}
